import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { TableDefinition } from '@app/contracts';
import { DataResources } from '../config/data-resources';
import { FunctionRegistry } from '../config/function-registry';
import { DATA_SERVICES, DataServices } from './data-services';

export type DataResource =
  { kind: 'table'; name: string; table: TableDefinition } | { kind: 'bucket'; name: string };

/** How often and how patiently a resource whose endpoint is not answering yet is tried again. */
export interface ProvisionRetry {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const PROVISION_RETRY = Symbol('ProvisionRetry');

/** About three minutes in all: long enough for a data service started beside the Manager. */
export const DEFAULT_PROVISION_RETRY: ProvisionRetry = {
  attempts: 10,
  baseMs: 1000,
  maxMs: 30_000,
};

/** Every table and bucket of the configuration, tables first, each once. */
export function dataResourceList(data: DataResources): DataResource[] {
  return [
    ...[...data.tables].map(([name, table]): DataResource => ({ kind: 'table', name, table })),
    ...data.buckets.map((name): DataResource => ({ kind: 'bucket', name })),
  ];
}

/** The wait before attempt `attempt + 1` (doubling from `baseMs`, at most `maxMs`). */
export function retryDelayMs(attempt: number, retry: ProvisionRetry): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** attempt);
}

const describe = (resource: DataResource) => `${resource.kind} ${resource.name}`;

/**
 * Creates the tables and buckets `functions.yml` declares on the DynamoDB and S3 endpoints the
 * functions use, at start and after each reload, so an app finds them as CloudFormation would have
 * made them. Existing ones are left untouched (never changed, never deleted). An endpoint that is not
 * answering yet is tried again with backoff; nothing here blocks the Manager from serving.
 */
@Injectable()
export class DataProvisioner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DataProvisioner.name);
  private generation = 0;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(
    private readonly registry: FunctionRegistry,
    @Inject(DATA_SERVICES) private readonly services: DataServices,
    @Inject(PROVISION_RETRY) private readonly retry: ProvisionRetry,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.onChange(() => void this.provision());
    void this.provision();
  }

  onModuleDestroy(): void {
    this.generation += 1;
    this.cancelWait();
  }

  /** Ensures every resource; resolves when all exist, or after the last attempt, or when superseded. */
  async provision(): Promise<void> {
    this.generation += 1;
    this.cancelWait();
    const generation = this.generation;
    let pending = dataResourceList(this.registry.dataResources());
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const failures = await this.ensureAll(pending);
      if (generation !== this.generation) return;
      pending = failures.map(([resource]) => resource);
      if (failures.length === 0) return;
      const summary = failures
        .map(([resource, error]) => `${describe(resource)} (${error.message})`)
        .join(', ');
      if (attempt + 1 >= this.retry.attempts) {
        this.logger.error(`could not create ${summary}; trying again when functions.yml changes`);
        return;
      }
      const delay = retryDelayMs(attempt, this.retry);
      if (attempt === 0) this.logger.warn(`cannot create ${summary} yet; retrying in ${delay} ms`);
      await this.wait(delay);
      if (generation !== this.generation) return;
    }
  }

  private async ensureAll(resources: DataResource[]): Promise<Array<[DataResource, Error]>> {
    const failures: Array<[DataResource, Error]> = [];
    for (const resource of resources) {
      try {
        const outcome =
          resource.kind === 'table'
            ? await this.services.ensureTable(resource.name, resource.table)
            : await this.services.ensureBucket(resource.name);
        if (outcome === 'created') this.logger.log(`created ${describe(resource)}`);
        else this.logger.debug(`${describe(resource)} exists`);
      } catch (error) {
        failures.push([resource, error instanceof Error ? error : new Error(String(error))]);
      }
    }
    return failures;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref();
    });
  }

  private cancelWait(): void {
    clearTimeout(this.timer);
    this.wake?.();
    this.wake = undefined;
  }
}
