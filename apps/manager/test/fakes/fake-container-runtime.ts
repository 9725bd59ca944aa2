import { DockerUnavailableError, ImageNotFoundError, NameConflictError } from '../../src/errors';
import type {
  ContainerRuntime,
  ContainerSpec,
  ManagedContainer,
} from '../../src/runtime/container-runtime';
import { LABELS } from '@app/contracts';

/** In-memory engine: containers are records, the engine can be taken down, images can be missing. */
export class FakeContainerRuntime implements ContainerRuntime {
  readonly containers = new Map<string, ManagedContainer>();
  readonly missingImages = new Set<string>();
  /** What each image reference points at; tests change it to simulate a rebuild. */
  readonly imageIds = new Map<string, string>();
  /** Names held by containers this Manager does not own (not listed, but they block `run`). */
  readonly foreignNames = new Set<string>();
  /** `run`: containers created (by run or create); `start`: restarts of containers that ran before. */
  readonly calls = { run: 0, start: 0, stop: 0, remove: 0, pause: 0, unpause: 0 };
  private readonly neverStarted = new Set<string>();
  /** Containers whose unpause fails (a broken cgroup, a container killed while frozen). */
  readonly unpauseFailures = new Set<string>();
  /** The files each `run` was asked to place, by container name. */
  readonly files = new Map<string, ContainerSpec['files']>();
  down = false;
  /** When set, `run` waits for it: lets tests hold a start in flight. */
  runGate: Promise<void> | undefined;
  private nextId = 1;

  private assertUp(): void {
    if (this.down) throw new DockerUnavailableError('ECONNREFUSED');
  }

  async ping(): Promise<void> {
    this.assertUp();
  }

  async imageId(image: string): Promise<string | undefined> {
    this.assertUp();
    return this.missingImages.has(image) ? undefined : this.imageIdOf(image);
  }

  private imageIdOf(image: string): string {
    return this.imageIds.get(image) ?? `sha256:${image}`;
  }

  async list(functionName?: string): Promise<ManagedContainer[]> {
    this.assertUp();
    return [...this.containers.values()]
      .filter((c) => functionName === undefined || c.functionName === functionName)
      .map((c) => ({ ...c }));
  }

  async run(spec: ContainerSpec): Promise<ManagedContainer> {
    const id = await this.createRecord(spec);
    return this.startRecord(id);
  }

  async create(spec: ContainerSpec): Promise<string> {
    return this.createRecord(spec);
  }

  private async createRecord(spec: ContainerSpec): Promise<string> {
    this.assertUp();
    this.calls.run++;
    this.files.set(spec.name, spec.files);
    await this.runGate;
    if (this.missingImages.has(spec.image)) throw new ImageNotFoundError(spec.image);
    const names = [...this.containers.values()].map((c) => c.name);
    if (this.foreignNames.has(spec.name) || names.includes(spec.name)) {
      throw new NameConflictError(spec.name);
    }
    const id = `fake-${this.nextId++}`;
    this.neverStarted.add(id);
    this.containers.set(id, {
      id,
      name: spec.name,
      functionName: spec.labels[LABELS.function],
      slot: Number(spec.labels[LABELS.slot]),
      configHash: spec.labels[LABELS.configHash],
      imageId: this.imageIdOf(spec.image),
      createdAt: spec.labels[LABELS.createdAt],
      state: 'stopped',
      url: null,
    });
    return id;
  }

  /** Adds a container as if another process (or a previous Manager) had made it. */
  seed(container: Partial<ManagedContainer> & Pick<ManagedContainer, 'name' | 'functionName'>) {
    const id = container.id ?? `seeded-${this.nextId++}`;
    const record: ManagedContainer = {
      id,
      slot: 1,
      configHash: '',
      imageId: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      state: 'running',
      url: `http://fake-${container.name}:8080`,
      ...container,
    };
    this.containers.set(id, record);
    return record;
  }

  /** The container exits out of band (docker kill). */
  kill(id: string): void {
    const container = this.containers.get(id);
    if (container) Object.assign(container, { state: 'stopped', url: null });
  }

  async start(id: string): Promise<ManagedContainer> {
    this.assertUp();
    if (!this.neverStarted.has(id)) this.calls.start++;
    return this.startRecord(id);
  }

  private startRecord(id: string): ManagedContainer {
    const container = this.containers.get(id);
    if (!container) throw new Error(`no such container ${id}`);
    this.neverStarted.delete(id);
    Object.assign(container, { state: 'running', url: `http://fake-${container.name}:8080` });
    return { ...container };
  }

  async pause(id: string): Promise<void> {
    this.assertUp();
    this.calls.pause++;
    const container = this.containers.get(id);
    if (container?.state !== 'running' && container?.state !== 'paused') {
      throw new Error(`container ${id} is not running`);
    }
    container.state = 'paused';
  }

  async unpause(id: string): Promise<void> {
    this.assertUp();
    this.calls.unpause++;
    const container = this.containers.get(id);
    if (!container || this.unpauseFailures.has(id)) throw new Error(`cannot unpause ${id}`);
    if (container.state === 'paused') container.state = 'running';
  }

  async inspect(id: string): Promise<ManagedContainer | null> {
    this.assertUp();
    const container = this.containers.get(id);
    return container ? { ...container } : null;
  }

  async stop(id: string): Promise<void> {
    this.assertUp();
    this.calls.stop++;
    this.kill(id);
  }

  async remove(id: string): Promise<void> {
    this.assertUp();
    this.calls.remove++;
    this.containers.delete(id);
  }
}
