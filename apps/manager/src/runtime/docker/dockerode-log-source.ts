import type Docker from 'dockerode';
import { INSTANCE_LABEL, LABELS, SHIP_LOGS_LABEL } from '@app/contracts';
import type { ContainerLogSource, LogContainer } from '../container-logs';
import { LogLineDecoder } from './log-line-decoder';

const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/** Docker list entry → where its lines come from. */
export function toLogContainer(entry: Docker.ContainerInfo): LogContainer {
  const labels = entry.Labels ?? {};
  const containerName = (entry.Names?.[0] ?? entry.Id).replace(/^\//, '');
  const lambda = labels[LABELS.managed] === 'true';
  return {
    id: entry.Id,
    containerName,
    service: lambda ? 'lambda' : (labels[COMPOSE_SERVICE_LABEL] ?? containerName),
    ...(lambda && labels[LABELS.function] ? { functionName: labels[LABELS.function] } : {}),
  };
}

/**
 * Reads logs through the Docker API: this Manager instance's Lambda containers and the containers
 * labelled `onpre-lambda.ship-logs=<instance>` (Gateway, Manager). No log agent is needed.
 */
export class DockerodeLogSource implements ContainerLogSource {
  constructor(
    private readonly docker: Docker,
    private readonly instance: string,
  ) {}

  async listRunning(): Promise<LogContainer[]> {
    const running = (labels: string[]) =>
      this.docker.listContainers({ filters: { label: labels, status: ['running'] } });
    const [apps, lambdas] = await Promise.all([
      running([`${SHIP_LOGS_LABEL}=${this.instance}`]),
      running([`${LABELS.managed}=true`, `${INSTANCE_LABEL}=${this.instance}`]),
    ]);
    const byId = new Map([...apps, ...lambdas].map((entry) => [entry.Id, toLogContainer(entry)]));
    return [...byId.values()];
  }

  async follow(
    id: string,
    sinceFor: (startedAt: Date) => Date,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const container = this.docker.getContainer(id);
    const info = await container.inspect();
    const since = sinceFor(new Date(info.State.StartedAt));
    const stream = (await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
      since: Math.floor(since.getTime() / 1000),
    })) as NodeJS.ReadableStream & { destroy(): void; setTimeout?(ms: number): unknown };
    // A followed log is long-lived and may be quiet for minutes: the shared client's request
    // timeout (meant for API calls) must not cut it.
    stream.setTimeout?.(0);
    const decoder = new LogLineDecoder(!info.Config.Tty);
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        stream.destroy();
        resolve();
      };
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      stream.on('data', (chunk: Buffer) => decoder.push(chunk).forEach(onLine));
      stream.on('end', () => {
        decoder.end().forEach(onLine);
        resolve();
      });
      stream.on('close', () => resolve());
      stream.on('error', reject);
    });
  }
}
