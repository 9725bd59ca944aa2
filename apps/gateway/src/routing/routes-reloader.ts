import { readFileSync } from 'node:fs';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type ConfigChange, watchConfigFile } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { FunctionUrlTable, parseFunctionUrls } from './function-url-table';
import { RouteTable } from './route-table';
import { parseApiSettings } from './api-settings';
import { parseRoutingFile } from './routing-file';

/**
 * Reloads `routing.yml` on SIGHUP and when it changes on disk, as the Manager does `functions.yml`
 * (a regenerated app needs no Gateway restart). An invalid file is reported and the routes in use
 * are kept.
 */
@Injectable()
export class RoutesReloader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoutesReloader.name);
  private stopWatching: () => void = () => undefined;

  constructor(
    private readonly routes: RouteTable,
    private readonly env: GatewayEnv,
    private readonly functionUrls: FunctionUrlTable,
  ) {}

  onApplicationBootstrap(): void {
    this.stopWatching = watchConfigFile(this.env.ROUTING_FILE, (change) => this.reload(change));
  }

  onModuleDestroy(): void {
    this.stopWatching();
  }

  reload(change: ConfigChange): boolean {
    const file = this.env.ROUTING_FILE;
    try {
      const text = readFileSync(file, 'utf8');
      const routes = parseRoutingFile(text, file);
      const apis = parseApiSettings(text, file);
      const functionUrls = parseFunctionUrls(text, file);
      this.routes.replace(routes, apis);
      this.functionUrls.replace(functionUrls);
    } catch (error) {
      this.logger.error(`reload failed, keeping the routes in use: ${(error as Error).message}`);
      return false;
    }
    this.logger.log(`reloaded ${file} (${change}): ${this.routes.size} route(s)`);
    return true;
  }
}
