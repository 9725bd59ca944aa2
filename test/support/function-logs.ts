import type Docker from 'dockerode';

/** Docker's multiplexed log stream (8-byte frame headers) as text. */
export function demuxDockerLogs(buffer: Buffer): string {
  let text = '';
  for (let offset = 0; offset + 8 <= buffer.length;) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return text;
}

/**
 * What functions logged as `<tag> {json}` (the runtime writes each console line as a JSON log line
 * with `message`), parsed, from the logs of the given containers (one already removed reads as
 * empty).
 */
export async function taggedLogs(
  docker: Docker,
  containerIds: string[],
  tag: string,
): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = [];
  for (const id of containerIds) {
    const frames = (await docker
      .getContainer(id)
      .logs({ stdout: true, stderr: true, follow: false })
      .catch(() => Buffer.alloc(0))) as unknown as Buffer;
    for (const line of demuxDockerLogs(frames).split('\n')) {
      if (!line.startsWith('{')) continue;
      let raw: unknown;
      try {
        raw = (JSON.parse(line) as { message?: unknown }).message;
      } catch {
        continue;
      }
      const message = typeof raw === 'string' ? raw.trim() : '';
      if (message.startsWith(`${tag} {`))
        found.push(JSON.parse(message.slice(tag.length + 1)) as Record<string, unknown>);
    }
  }
  return found;
}
