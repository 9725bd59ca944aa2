import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Docker from 'dockerode';
import { INSTANCE_LABEL, LABELS } from '@app/contracts';
import {
  NameConflictError,
  RegistryImageNotFoundError,
  RegistryUnavailableError,
  SwarmUnavailableError,
  TaskFailedError,
  TaskStartTimeoutError,
} from '../../errors';
import type { ContainerRuntime, ContainerSpec, ManagedContainer } from '../container-runtime';
import { engineCall, messageOf, statusOf } from '../engine-errors';
import {
  FileConfig,
  fromService,
  PinnedImage,
  replicasOf,
  SwarmPlacement,
  SwarmService,
  SwarmTask,
  taskProblem,
  toServiceSpec,
  currentTask,
} from './swarm-mapping';

export interface SwarmSettings extends Omit<SwarmPlacement, 'noNewPrivileges'> {
  /** `host:port[/prefix]` every node pulls function images from; unset: each node's local image. */
  registry?: string;
  /** How long `start` waits for a slot's task to run (scheduling, pull, container start). */
  taskTimeoutMs: number;
}

const POLL_MS = 100;
/** `stop` waits at most this for the task to leave running (grace 2 s + Swarm's own round trips). */
const STOP_WAIT_MS = 15_000;
/** Node states are read at most this often while polling a start. */
const NODES_TTL_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The container-runtime port on Docker Swarm: each slot is a one-replica service; a slot's truth is
 * its service (labels, replicas) and its current task (state, node, overlay address). Talks to a
 * manager node's Engine API (the Manager runs there, alone with its socket).
 */
export class SwarmContainerRuntime implements ContainerRuntime {
  private readonly logger = new Logger(SwarmContainerRuntime.name);
  private noNewPrivileges: boolean | undefined;
  private nodes: { at: number; ready: Set<string> } | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly settings: SwarmSettings,
    private readonly instance: string,
  ) {}

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return engineCall(operation);
  }

  async ping(): Promise<void> {
    const info = (await this.call(() => this.docker.info())) as {
      Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
    };
    const swarm = info.Swarm ?? {};
    if (swarm.LocalNodeState !== 'active') {
      throw new SwarmUnavailableError(
        `this engine's swarm state is '${swarm.LocalNodeState ?? 'unknown'}' (docker swarm init, or join it as a manager)`,
      );
    }
    if (!swarm.ControlAvailable) {
      throw new SwarmUnavailableError('this engine is a worker; the Manager needs a manager node');
    }
  }

  private labelFilter(functionName?: string): string[] {
    const label = [`${LABELS.managed}=true`, `${INSTANCE_LABEL}=${this.instance}`];
    if (functionName) label.push(`${LABELS.function}=${functionName}`);
    return label;
  }

  /** Ready nodes (cached briefly): a task on any other node counts as broken. */
  private async readyNodes(fresh = true): Promise<Set<string>> {
    const now = Date.now();
    if (!fresh && this.nodes && now - this.nodes.at < NODES_TTL_MS) return this.nodes.ready;
    const nodes = (await this.call(() => this.docker.listNodes())) as Array<{
      ID: string;
      Status?: { State?: string };
    }>;
    const ready = new Set(nodes.filter((n) => n.Status?.State === 'ready').map((n) => n.ID));
    this.nodes = { at: now, ready };
    return ready;
  }

  private async tasksOf(serviceIds: string[]): Promise<SwarmTask[]> {
    if (serviceIds.length === 0) return [];
    return (await this.call(() =>
      this.docker.listTasks({ filters: { service: serviceIds } }),
    )) as SwarmTask[];
  }

  private async view(services: SwarmService[], freshNodes = true): Promise<ManagedContainer[]> {
    const [tasks, ready] = await Promise.all([
      this.tasksOf(services.map((service) => service.ID)),
      this.readyNodes(freshNodes),
    ]);
    return services.map((service) =>
      fromService(service, tasks, this.settings.network, (node) => ready.has(node)),
    );
  }

  async list(functionName?: string): Promise<ManagedContainer[]> {
    const services = await this.call(() =>
      this.docker.listServices({ filters: { label: this.labelFilter(functionName) } }),
    );
    return this.view(services);
  }

  private async service(id: string): Promise<SwarmService | null> {
    try {
      return (await this.call(() => this.docker.getService(id).inspect())) as SwarmService;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async inspect(id: string): Promise<ManagedContainer | null> {
    const service = await this.service(id);
    return service ? ((await this.view([service], false))[0] ?? null) : null;
  }

  /** The overlay network (attachable, internal like the Compose Lambda network), made when missing. */
  private async ensureNetwork(): Promise<void> {
    const { network } = this.settings;
    try {
      const info = await this.call(() => this.docker.getNetwork(network).inspect());
      if (info.Driver !== 'overlay' || !info.Attachable) {
        this.logger.warn(
          `network ${network} is ${info.Driver}, attachable=${String(info.Attachable)}; slots need an attachable overlay`,
        );
      }
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await this.call(() =>
        this.docker.createNetwork({
          Name: network,
          Driver: 'overlay',
          Attachable: true,
          Internal: true,
          CheckDuplicate: true,
          Labels: { [LABELS.managed]: 'true' },
        }),
      ).catch((createError: unknown) => {
        if (statusOf(createError) !== 409) throw createError;
      });
      this.logger.log(`created overlay network ${network} (attachable, internal)`);
    }
  }

  /**
   * The reference nodes run and the id of its content: with a registry, `<registry>/<image>@<digest>`
   * (the engine asks the registry), so every node runs the same code; without, the local tag and its
   * image id (one node, or images loaded on each node).
   */
  private async pin(image: string): Promise<PinnedImage | undefined> {
    const { registry } = this.settings;
    if (!registry) {
      try {
        const info = await this.call(() => this.docker.getImage(image).inspect());
        return { reference: image, id: info.Id };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    }
    const reference = `${registry}/${image}`;
    try {
      const info = await this.call(() => this.docker.getImage(reference).distribution());
      const digest = info.Descriptor.digest;
      return { reference: `${reference}@${digest}`, id: digest };
    } catch (error) {
      const message = messageOf(error);
      if (/manifest unknown|not found|no such image/i.test(message)) return undefined;
      if (statusOf(error) === undefined) throw error;
      throw new RegistryUnavailableError(reference, message);
    }
  }

  async imageId(image: string): Promise<string | undefined> {
    return (await this.pin(image))?.id;
  }

  /** One Swarm config per distinct file content (name from its hash), made when missing. */
  private async fileConfigs(spec: ContainerSpec): Promise<FileConfig[]> {
    return Promise.all(
      (spec.files ?? []).map(async (file) => {
        const hash = createHash('sha256').update(file.content).digest('hex').slice(0, 24);
        const name = `onpre-lambda-file-${hash}`;
        const existing = await this.call(() =>
          this.docker.listConfigs({ filters: { name: [name] } }),
        );
        const found = existing.find((config) => config.Spec?.Name === name);
        if (found) return { id: found.ID, name, path: file.path };
        const created = (await this.call(() =>
          this.docker.createConfig({
            Name: name,
            Labels: { [LABELS.managed]: 'true' },
            Data: Buffer.from(file.content).toString('base64'),
          }),
        )) as { id: string };
        return { id: created.id, name, path: file.path };
      }),
    );
  }

  private async engineAllowsNoNewPrivileges(): Promise<boolean> {
    if (this.noNewPrivileges === undefined) {
      const version = await this.call(() => this.docker.version());
      const [major, minor] = version.ApiVersion.split('.').map(Number);
      this.noNewPrivileges = major > 1 || (major === 1 && minor >= 44);
    }
    return this.noNewPrivileges;
  }

  async create(spec: ContainerSpec): Promise<string> {
    const image = await this.pin(spec.image);
    if (!image) throw new RegistryImageNotFoundError(this.referenceOf(spec.image));
    await this.ensureNetwork();
    const placement: SwarmPlacement = {
      ...this.settings,
      noNewPrivileges: await this.engineAllowsNoNewPrivileges(),
    };
    const serviceSpec = toServiceSpec(spec, image, placement, await this.fileConfigs(spec));
    try {
      const created = (await this.call(() =>
        this.docker.createService(serviceSpec),
      )) as unknown as { ID?: string; id?: string };
      return created.ID ?? created.id ?? '';
    } catch (error) {
      if (statusOf(error) === 409) throw new NameConflictError(spec.name);
      throw error;
    }
  }

  async run(spec: ContainerSpec): Promise<ManagedContainer> {
    const id = await this.create(spec);
    try {
      return await this.start(id);
    } catch (error) {
      await this.remove(id).catch(() => undefined);
      throw error;
    }
  }

  private referenceOf(image: string): string {
    return this.settings.registry ? `${this.settings.registry}/${image}` : image;
  }

  private async scale(service: SwarmService, replicas: number): Promise<void> {
    if (replicasOf(service) === replicas) return;
    const spec = { ...service.Spec, Mode: { Replicated: { Replicas: replicas } } };
    await this.call(() =>
      this.docker.getService(service.ID).update({
        _query: { version: service.Version?.Index },
        _body: spec,
      }),
    );
  }

  /** Scales the slot to one replica and waits until its task runs (or ends, or the time is up). */
  async start(id: string): Promise<ManagedContainer> {
    const service = await this.service(id);
    if (!service) throw new TaskFailedError(id, 'the service no longer exists');
    await this.scale(service, 1);
    const name = service.Spec?.Name ?? id;
    const deadline = Date.now() + this.settings.taskTimeoutMs;
    for (;;) {
      const current = await this.service(id);
      if (!current) throw new TaskFailedError(name, 'the service was removed while starting');
      const [tasks, ready] = await Promise.all([this.tasksOf([id]), this.readyNodes(false)]);
      const slot = fromService(current, tasks, this.settings.network, (node) => ready.has(node));
      if (slot.state === 'running' && slot.url) return slot;
      const task = currentTask(current, tasks);
      if (slot.state === 'broken') throw new TaskFailedError(name, taskProblem(task));
      if (Date.now() >= deadline) {
        throw new TaskStartTimeoutError(
          name,
          this.settings.taskTimeoutMs / 1000,
          taskProblem(task),
        );
      }
      await sleep(POLL_MS);
    }
  }

  async pause(id: string): Promise<void> {
    throw new Error(`swarm services cannot be paused (${id}); the cool tier is off with swarm`);
  }

  /** Nothing is ever paused on Swarm: fine when the slot runs, an error otherwise. */
  async unpause(id: string): Promise<void> {
    const slot = await this.inspect(id);
    if (slot?.state !== 'running') throw new Error(`service ${id} is ${slot?.state ?? 'gone'}`);
  }

  /** Scales the slot to zero (its task gets SIGTERM, then SIGKILL after 2 s); idempotent. */
  async stop(id: string): Promise<void> {
    const service = await this.service(id);
    if (!service) return;
    await this.scale(service, 0);
    const deadline = Date.now() + STOP_WAIT_MS;
    while (Date.now() < deadline) {
      const tasks = await this.tasksOf([id]);
      if (!tasks.some((task) => task.Status?.State === 'running')) return;
      await sleep(POLL_MS);
    }
    this.logger.warn(`service ${service.Spec?.Name ?? id}: its task still runs after scaling to 0`);
  }

  /** Removes the slot's service (Swarm stops its task); idempotent. */
  async remove(id: string): Promise<void> {
    await this.call(() => this.docker.getService(id).remove()).catch((error: unknown) => {
      if (statusOf(error) !== 404) throw error;
    });
  }
}
