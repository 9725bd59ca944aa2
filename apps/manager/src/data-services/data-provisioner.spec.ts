import type { TableDefinition } from '@app/contracts';
import { FunctionRegistry } from '../config/function-registry';
import { DataProvisioner, ProvisionRetry, retryDelayMs } from './data-provisioner';
import type { DataServices, EnsureOutcome } from './data-services';

const TABLE: TableDefinition = {
  keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
};

const FILE = [
  'functions:',
  '  fn: { image: fn:latest }',
  'tables:',
  '  items:',
  '    keySchema: [{ attributeName: id, keyType: HASH }]',
  '    attributeDefinitions: [{ attributeName: id, attributeType: S }]',
  'buckets: [uploads]',
].join('\n');

/** Data services that fail the first `failures` calls per resource, then create, then find it. */
class ScriptedDataServices implements DataServices {
  readonly calls: string[] = [];
  private readonly made = new Set<string>();
  constructor(private readonly failures: Record<string, number> = {}) {}

  private ensure(key: string): Promise<EnsureOutcome> {
    this.calls.push(key);
    if ((this.failures[key] ?? 0) > 0) {
      this.failures[key] -= 1;
      return Promise.reject(new Error(`connect ECONNREFUSED (${key})`));
    }
    if (this.made.has(key)) return Promise.resolve('exists');
    this.made.add(key);
    return Promise.resolve('created');
  }

  ensureTable(name: string, table: TableDefinition) {
    expect(table).toEqual(TABLE);
    return this.ensure(`table ${name}`);
  }

  ensureBucket(name: string) {
    return this.ensure(`bucket ${name}`);
  }
}

const RETRY: ProvisionRetry = { attempts: 3, baseMs: 1, maxMs: 2 };

function provisioner(services: DataServices, text = FILE) {
  let current = text;
  const registry = new FunctionRegistry(
    { fileName: 'functions.yml', read: () => current },
    { injected: {}, defaultReservedConcurrency: 10, processEnv: {} },
  );
  registry.onModuleInit();
  const edit = (next: string) => {
    current = next;
    registry.reload();
  };
  return { provisioner: new DataProvisioner(registry, services, RETRY), edit };
}

describe('DataProvisioner', () => {
  it('creates every table and bucket once; a second pass finds them', async () => {
    const services = new ScriptedDataServices();
    const { provisioner: subject } = provisioner(services);
    await subject.provision();
    await subject.provision();
    expect(services.calls).toEqual([
      'table items',
      'bucket uploads',
      'table items',
      'bucket uploads',
    ]);
  });

  it('tries an endpoint that is not answering yet again, only for what failed', async () => {
    const services = new ScriptedDataServices({ 'bucket uploads': 2 });
    const { provisioner: subject } = provisioner(services);
    await subject.provision();
    expect(services.calls).toEqual([
      'table items',
      'bucket uploads',
      'bucket uploads',
      'bucket uploads',
    ]);
  });

  it('gives up after the last attempt (until the file changes)', async () => {
    const services = new ScriptedDataServices({ 'table items': 99 });
    const { provisioner: subject } = provisioner(services);
    await subject.provision();
    expect(services.calls.filter((call) => call === 'table items')).toHaveLength(RETRY.attempts);
  });

  it('provisions again when functions.yml changes, with the new resources', async () => {
    const services = new ScriptedDataServices();
    const { provisioner: subject, edit } = provisioner(services);
    subject.onApplicationBootstrap();
    await subject.provision();
    services.calls.length = 0;
    edit(FILE.replace('buckets: [uploads]', 'buckets: [archive]'));
    await subject.provision();
    expect(services.calls).toContain('bucket archive');
    expect(services.calls).not.toContain('bucket uploads');
    subject.onModuleDestroy();
  });

  it('does nothing for a file without tables or buckets', async () => {
    const services = new ScriptedDataServices();
    const { provisioner: subject } = provisioner(
      services,
      'functions:\n  fn: { image: fn:latest }\n',
    );
    await subject.provision();
    expect(services.calls).toEqual([]);
  });

  it.each([
    [0, 1000],
    [1, 2000],
    [4, 16000],
    [5, 30000],
    [9, 30000],
  ])('waits %i → %i ms before the next attempt', (attempt, delay) => {
    expect(retryDelayMs(attempt, { attempts: 10, baseMs: 1000, maxMs: 30_000 })).toBe(delay);
  });
});
