import { existsSync, FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import {
  FileFunctionsSource,
  FUNCTIONS_SOURCE,
  FunctionRegistry,
  FunctionsSource,
} from './function-registry';

const DEBOUNCE_MS = 200;

/** Reloads the function registry on SIGHUP and when `functions.yml` changes on disk. */
@Injectable()
export class ConfigReloader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ConfigReloader.name);
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly onSignal = () => {
    this.logger.log('SIGHUP: reloading functions');
    this.registry.reload();
  };

  constructor(
    private readonly registry: FunctionRegistry,
    @Inject(FUNCTIONS_SOURCE) private readonly source: FunctionsSource,
  ) {}

  /** Listens only once the app is up (and the registry loaded); a failed start leaves nothing behind. */
  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
    if (!(this.source instanceof FileFunctionsSource)) return;
    const directory = dirname(this.source.fileName);
    const file = basename(this.source.fileName);
    if (!existsSync(directory)) return;
    // Watch the directory: editors and `kubectl cp`-style updates replace the file by renaming.
    this.watcher = watch(directory, (_event, changed) => {
      if (changed !== file) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.registry.reload(), DEBOUNCE_MS);
    });
  }

  onModuleDestroy(): void {
    process.off('SIGHUP', this.onSignal);
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
