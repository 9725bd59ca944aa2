import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { invokeTokenFor } from '@app/platform';
import { FunctionNotConfiguredError } from '../errors';
import { configHash } from './function-environment';
import { DataResources, NO_DATA_RESOURCES, parseDataResources } from './data-resources';
import { FunctionConfig, FunctionsFileError, parseFunctionsFile } from './functions-file';
import {
  ASYNC_DEFAULTS,
  AsyncSettings,
  InvocationConfig,
  parseInvocationConfig,
  ScheduleConfig,
} from './invocation-config';

/** Where `functions.yml` text comes from (a file in production, a string in tests). */
export const FUNCTIONS_SOURCE = Symbol('FunctionsSource');

export interface FunctionsSource {
  readonly fileName: string;
  read(): string;
}

export class FileFunctionsSource implements FunctionsSource {
  constructor(readonly fileName: string) {}

  read(): string {
    try {
      return readFileSync(this.fileName, 'utf8');
    } catch (error) {
      throw new FunctionsFileError(this.fileName, [`cannot be read: ${(error as Error).message}`]);
    }
  }
}

export interface RegisteredFunction extends FunctionConfig {
  configHash: string;
}

export const REGISTRY_SETTINGS = Symbol('RegistrySettings');

export interface RegistrySettings {
  injected: Record<string, string>;
  /**
   * The secret the Gateway shares (MANAGER_TOKEN): each function's containers get
   * `invokeTokenFor(secret, name)` and answer only calls presenting it. Unset: no token (fakes).
   */
  invokeSecret?: string;
  defaultReservedConcurrency: number;
  processEnv: Record<string, string | undefined>;
}

/**
 * The configured functions; replaced as a whole on a successful reload. Loaded in `onModuleInit`, so
 * an invalid file rejects `app.init()`/`listen()` and `main.ts` prints just the message.
 */
@Injectable()
export class FunctionRegistry implements OnModuleInit {
  private readonly logger = new Logger(FunctionRegistry.name);
  private functions = new Map<string, RegisteredFunction>();
  private invocation: InvocationConfig = { asyncSettings: new Map(), schedules: new Map() };
  private data: DataResources = NO_DATA_RESOURCES;
  private readonly listeners: Array<() => void> = [];

  constructor(
    @Inject(FUNCTIONS_SOURCE) private readonly source: FunctionsSource,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  onModuleInit(): void {
    [this.functions, this.invocation, this.data] = this.parse();
  }

  private parse(): [Map<string, RegisteredFunction>, InvocationConfig, DataResources] {
    const { injected, defaultReservedConcurrency, processEnv, invokeSecret } = this.settings;
    const text = this.source.read();
    const parsed = parseFunctionsFile(
      text,
      this.source.fileName,
      processEnv,
      defaultReservedConcurrency,
    );
    const functions = new Map(
      [...parsed].map(([name, parsedFn]) => {
        const fn = invokeSecret
          ? { ...parsedFn, invokeToken: invokeTokenFor(invokeSecret, name) }
          : parsedFn;
        return [name, { ...fn, configHash: configHash(fn, injected) }];
      }),
    );
    return [
      functions,
      parseInvocationConfig(text, this.source.fileName),
      parseDataResources(text, this.source.fileName),
    ];
  }

  /** The tables and buckets the app's functions expect (created by DataProvisioner). */
  dataResources(): DataResources {
    return this.data;
  }

  /** Retries and destinations of a function's async events (AWS's defaults when not configured). */
  asyncSettings(name: string): AsyncSettings {
    return this.invocation.asyncSettings.get(name) ?? { ...ASYNC_DEFAULTS };
  }

  schedules(): ScheduleConfig[] {
    return [...this.invocation.schedules.values()];
  }

  get(name: string): RegisteredFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new FunctionNotConfiguredError(name);
    return fn;
  }

  find(name: string): RegisteredFunction | undefined {
    return this.functions.get(name);
  }

  names(): string[] {
    return [...this.functions.keys()];
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Re-reads the file; an invalid file is logged and the previous configuration stays. */
  reload(): boolean {
    try {
      [this.functions, this.invocation, this.data] = this.parse();
    } catch (error) {
      this.logger.error(
        `reload failed, keeping the previous configuration: ${(error as Error).message}`,
      );
      return false;
    }
    this.logger.log(`reloaded ${this.source.fileName}: ${this.functions.size} function(s)`);
    this.listeners.forEach((listener) => listener());
    return true;
  }
}
