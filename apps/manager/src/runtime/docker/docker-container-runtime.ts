import { Logger } from '@nestjs/common';
import type Docker from 'dockerode';
import { INSTANCE_LABEL, LABELS } from '@app/contracts';
import { ImageNotFoundError, NameConflictError } from '../../errors';
import type { ContainerRuntime, ContainerSpec, ManagedContainer } from '../container-runtime';
import { posix } from 'node:path';
import {
  filesDirectory,
  fromInspect,
  fromListEntry,
  Placement,
  toCreateOptions,
} from './docker-mapping';
import { tarArchive } from '../tar-archive';
import { engineCall, messageOf, statusOf } from '../engine-errors';

const STOP_GRACE_SECONDS = 2;

function isMissingNetwork(error: unknown): boolean {
  return statusOf(error) === 404 && /network .* not found/i.test(messageOf(error));
}

/** The container-runtime port on the Docker API (dockerode lives only in this folder). */
export class DockerContainerRuntime implements ContainerRuntime {
  private readonly logger = new Logger(DockerContainerRuntime.name);

  constructor(
    private readonly docker: Docker,
    private readonly placement: Placement,
    private readonly instance: string,
  ) {}

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return engineCall(operation);
  }

  async ping(): Promise<void> {
    await this.call(() => this.docker.ping());
  }

  /** Creates the Lambda network when missing (on first use, so a Manager that starts nothing creates nothing). */
  private async ensureNetwork(): Promise<void> {
    const { network, mode } = this.placement;
    const internal = mode === 'network';
    try {
      const info = await this.call(() => this.docker.getNetwork(network).inspect());
      if (Boolean(info.Internal) !== internal) {
        this.logger.warn(
          `network ${network} has internal=${String(info.Internal)}; ADDRESS_MODE=${mode} expects ${String(internal)}`,
        );
      }
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await this.call(() =>
        this.docker.createNetwork({
          Name: network,
          Driver: 'bridge',
          Internal: internal,
          CheckDuplicate: true,
          Labels: { [LABELS.managed]: 'true' },
        }),
      ).catch((createError: unknown) => {
        if (statusOf(createError) !== 409) throw createError;
      });
      this.logger.log(`created network ${network} (internal=${String(internal)})`);
    }
  }

  async list(functionName?: string): Promise<ManagedContainer[]> {
    const label = [`${LABELS.managed}=true`, `${INSTANCE_LABEL}=${this.instance}`];
    if (functionName) label.push(`${LABELS.function}=${functionName}`);
    const entries = await this.call(() =>
      this.docker.listContainers({ all: true, filters: { label } }),
    );
    return entries.map((entry) => fromListEntry(entry, this.placement));
  }

  async run(spec: ContainerSpec): Promise<ManagedContainer> {
    const id = await this.create(spec);
    try {
      return await this.start(id);
    } catch (error) {
      await this.remove(id).catch(() => undefined);
      if (!isMissingNetwork(error)) throw error;
      // Someone removed the network between create and start (Docker creates the container anyway
      // and refuses at start): make it again, then once more.
      await this.ensureNetwork();
      return this.start(await this.create(spec));
    }
  }

  async create(spec: ContainerSpec): Promise<string> {
    // Checked at every creation (one inspect on the cold path): a network removed while the Manager
    // ran is made again before the container that needs it, since Docker only refuses at start.
    await this.ensureNetwork();
    try {
      return await this.createWithFiles(spec);
    } catch (error) {
      if (!isMissingNetwork(error)) throw error;
      // Someone removed the network while we ran (Docker reports it at create or start): once more.
      await this.ensureNetwork();
      return this.createWithFiles(spec);
    }
  }

  private async createWithFiles(spec: ContainerSpec): Promise<string> {
    const container = await this.createContainer(spec);
    try {
      const files = spec.files ?? [];
      const folder = filesDirectory(spec);
      if (folder) {
        const relative = files.map((file) => ({
          ...file,
          path: posix.relative(folder, file.path),
        }));
        await this.call(() => container.putArchive(tarArchive(relative), { path: folder }));
      }
      return container.id;
    } catch (error) {
      await this.remove(container.id).catch(() => undefined);
      throw error;
    }
  }

  private createContainer(spec: ContainerSpec): Promise<Docker.Container> {
    return this.call(() =>
      this.docker.createContainer(toCreateOptions(spec, this.placement)),
    ).catch((error: unknown) => {
      if (statusOf(error) === 404 && !isMissingNetwork(error)) {
        throw new ImageNotFoundError(spec.image);
      }
      if (statusOf(error) === 409) throw new NameConflictError(spec.name);
      throw error;
    });
  }

  async imageId(image: string): Promise<string | undefined> {
    try {
      return (await this.call(() => this.docker.getImage(image).inspect())).Id;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async start(id: string): Promise<ManagedContainer> {
    const container = this.docker.getContainer(id);
    await this.call(() => container.start()).catch((error: unknown) => {
      if (statusOf(error) !== 304) throw error;
    });
    return fromInspect(await this.call(() => container.inspect()), this.placement);
  }

  async inspect(id: string): Promise<ManagedContainer | null> {
    try {
      const info = await this.call(() => this.docker.getContainer(id).inspect());
      return fromInspect(info, this.placement);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async pause(id: string): Promise<void> {
    // 409 "already paused" is success; a missing or stopped container is the caller's to handle.
    await this.call(() => this.docker.getContainer(id).pause()).catch((error: unknown) => {
      if (!/already paused/i.test(messageOf(error))) throw error;
    });
  }

  async unpause(id: string): Promise<void> {
    const container = this.docker.getContainer(id);
    await this.call(() => container.unpause()).catch(async (error: unknown) => {
      if (!/is not paused/i.test(messageOf(error))) throw error;
      // Not paused: fine when it runs; one that exited while frozen cannot serve.
      const state = (await this.call(() => container.inspect())).State.Status;
      if (state !== 'running') throw new Error(`container ${id} is ${state}, not paused`);
    });
  }

  async stop(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).stop({ t: STOP_GRACE_SECONDS })).catch(
      (error: unknown) => {
        if (![304, 404].includes(statusOf(error) ?? 0)) throw error;
      },
    );
  }

  async remove(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).remove({ force: true, v: true })).catch(
      (error: unknown) => {
        if (![404, 409].includes(statusOf(error) ?? 0)) throw error;
      },
    );
  }
}
