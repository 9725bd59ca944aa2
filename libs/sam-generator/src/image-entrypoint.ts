import { runsSupervisor } from './runtimes';

/**
 * An image function's own ENTRYPOINT on one of our bases. On Lambda an image's ENTRYPOINT (the
 * Dockerfile's, or `ImageConfig.EntryPoint`) is the process Lambda starts: AWS's base images have
 * `/lambda-entrypoint.sh`, and a Go or Rust image often replaces it with its binary, which speaks
 * the Runtime API itself (AWS's own `provided:al2023` Go image template does). Our bases' ENTRYPOINT
 * is the supervisor that serves the invoke and Runtime APIs, so a replaced ENTRYPOINT must run under
 * it: `ONPRE_LAMBDA_ENTRYPOINT` names the command, the supervisor starts it as the runtime client.
 */
export const SUPERVISOR_ENTRYPOINT = ['/usr/local/bin/node', '/var/runtime/supervisor.js'];

/** AWS base images' own ENTRYPOINT: on ours the supervisor plays that part. */
const AWS_ENTRYPOINT = '/lambda-entrypoint.sh';

interface Stage {
  image: string;
  name?: string;
  body: string[];
}

/** The Dockerfile's stages: each `FROM image [AS name]` with the lines up to the next one. */
function stages(dockerfile: string): Stage[] {
  const result: Stage[] = [];
  for (const line of dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ image: from[1], name: from[2]?.toLowerCase(), body: [] });
    else result.at(-1)?.body.push(line);
  }
  return result;
}

/** The image a stage is built on in the end, following `FROM <earlier stage>`. */
function rootImage(all: Stage[], stage: Stage, depth = 0): string {
  const parent = all.find((other) => other.name === stage.image.toLowerCase());
  return parent && parent !== stage && depth < all.length
    ? rootImage(all, parent, depth + 1)
    : stage.image;
}

/** `ENTRYPOINT ["a", "b"]` → its list; the shell form → `/bin/sh -c "<text>"`, as Docker runs it. */
export function parseEntrypoint(instruction: string): string[] | undefined {
  const text = instruction.trim();
  if (text.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value.length > 0 ? value : undefined;
    } catch {
      // Docker runs a malformed exec form as the shell form.
    }
  }
  return text === '' ? undefined : ['/bin/sh', '-c', text];
}

/**
 * What the final image's ENTRYPOINT is on our bases: `undefined` when it is ours (none set, or AWS's
 * `/lambda-entrypoint.sh`), else the command to run as the runtime client. `target` is
 * `DockerBuildTarget`; `configured` is `ImageConfig.EntryPoint`, which wins as on Lambda.
 */
export function ownEntrypoint(
  dockerfile: string,
  target: string | undefined,
  configured: string[] | undefined,
): { entrypoint?: string[]; replaced: boolean } {
  const all = stages(dockerfile);
  const final = target ? all.find((stage) => stage.name === target.toLowerCase()) : all.at(-1);
  if (!final || !runsSupervisor(rootImage(all, final))) return { replaced: false };
  // The final stage's own ENTRYPOINT, else one of the stages it is built on.
  let entrypoint = configured;
  for (let stage: Stage | undefined = final; !entrypoint && stage;) {
    const line = stage.body.filter((body) => /^\s*ENTRYPOINT\s/i.test(body)).at(-1);
    if (line) entrypoint = parseEntrypoint(line.replace(/^\s*ENTRYPOINT\s+/i, ''));
    const image = stage.image.toLowerCase();
    stage = line ? undefined : all.find((other) => other.name === image && other !== stage);
  }
  if (!entrypoint) return { replaced: false };
  if (entrypoint.length === 1 && entrypoint[0] === AWS_ENTRYPOINT) return { replaced: true };
  return { entrypoint, replaced: true };
}

/** `ENV ONPRE_LAMBDA_ENTRYPOINT="<json>"` with Docker's escapes (no `$` expansion at build time). */
export function entrypointEnv(entrypoint: string[]): string {
  const json = JSON.stringify(entrypoint).replace(/[\\"$]/g, (char) => `\\${char}`);
  return `ENV ONPRE_LAMBDA_ENTRYPOINT="${json}"`;
}
