import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { type ConfigChange, watchConfigFile } from '@app/platform';
import {
  FileFunctionsSource,
  FUNCTIONS_SOURCE,
  FunctionRegistry,
  FunctionsSource,
} from './function-registry';

/** Reloads the function registry on SIGHUP and when `functions.yml` changes on disk. */
@Injectable()
export class ConfigReloader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ConfigReloader.name);
  private stopWatching: () => void = () => undefined;

  constructor(
    private readonly registry: FunctionRegistry,
    @Inject(FUNCTIONS_SOURCE) private readonly source: FunctionsSource,
  ) {}

  /** Listens only once the app is up (and the registry loaded); a failed start leaves nothing behind. */
  onApplicationBootstrap(): void {
    const reload = (change: ConfigChange) => {
      if (change === 'SIGHUP') this.logger.log('SIGHUP: reloading functions');
      this.registry.reload();
    };
    const file = this.source instanceof FileFunctionsSource ? this.source.fileName : undefined;
    this.stopWatching = watchConfigFile(file, reload);
  }

  onModuleDestroy(): void {
    this.stopWatching();
  }
}
