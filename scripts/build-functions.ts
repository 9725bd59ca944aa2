import { FunctionsFile } from '@app/contracts';
import {
  BUILD_FLAGS,
  declaredBaseImage,
  functionDirectory,
  parseFlags,
  resolveBuildOptions,
  UsageError,
} from '@app/sam-generator';
import Docker from 'dockerode';
import yaml from 'js-yaml';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const USAGE = `usage: npm run build:functions -- --config <generator.yml> | --out <dir>
         [--build-arg BASE_IMAGE=<image>]… [--function <name>]…`;

interface BuildTarget {
  name: string;
  image: string;
  context: string;
}

interface BuildMessage {
  stream?: string;
  error?: string;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/** Functions of the generated functions.yml that have a generated build context. */
function readTargets(out: string, only: string[]): BuildTarget[] {
  const file = yaml.load(readFileSync(join(out, 'functions.yml'), 'utf8')) as FunctionsFile;
  const unknown = only.filter((name) => !(name in file.functions));
  if (unknown.length > 0)
    throw new UsageError(`no such function in ${out}/functions.yml: ${unknown.join(', ')}`);
  return Object.entries(file.functions)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, definition]) => ({
      name,
      image: definition.image,
      context: join(out, functionDirectory(name)),
    }))
    .filter((target) => existsSync(join(target.context, 'Dockerfile')));
}

async function assertEngineReachable(docker: Docker): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
    throw new Error(
      `the Docker engine is unreachable at ${where} (${(error as Error).message}); start it (e.g. dockerd) or set DOCKER_HOST`,
    );
  }
}

async function buildOne(
  docker: Docker,
  target: BuildTarget,
  buildArgs: Record<string, string>,
): Promise<void> {
  const stream = await docker.buildImage(
    { context: target.context, src: readdirSync(target.context) },
    { t: target.image, buildargs: buildArgs, rm: true, forcerm: true },
  );
  const output: string[] = [];
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(error) : resolve()),
      (message: BuildMessage) => {
        if (message.error) reject(new Error(`${message.error}\n${output.slice(-10).join('')}`));
        if (message.stream) output.push(message.stream);
        if (message.stream?.startsWith('Step ')) console.log(`      ${message.stream.trimEnd()}`);
      },
    ),
  );
}

/** Explains the usual cause of a failed build here: a base image that is not present locally. */
async function missingBaseHint(
  docker: Docker,
  target: BuildTarget,
  buildArgs: Record<string, string>,
): Promise<string> {
  const dockerfile = readFileSync(join(target.context, 'Dockerfile'), 'utf8');
  const base = buildArgs.BASE_IMAGE ?? declaredBaseImage(dockerfile);
  if (!base) return '';
  const present = await docker
    .getImage(base)
    .inspect()
    .then(() => true)
    .catch(() => false);
  return present
    ? ''
    : `\nbase image ${base} is not present locally: build it first (npm run images:base, npm run build:runtime) or pass --build-arg BASE_IMAGE=<local image>`;
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, BUILD_FLAGS);
  const configPath = flags.config?.at(-1);
  const options = resolveBuildOptions(
    flags,
    configPath ? { path: configPath, text: readFileSync(configPath, 'utf8') } : undefined,
  );
  if (!existsSync(join(options.out, 'functions.yml'))) {
    throw new Error(`${options.out}/functions.yml not found; run npm run generate first`);
  }
  const targets = readTargets(options.out, options.functions);
  const docker = new Docker();
  await assertEngineReachable(docker);
  const started = Date.now();
  for (const [index, target] of targets.entries()) {
    const step = `[${index + 1}/${targets.length}] ${target.name}`;
    const began = Date.now();
    console.log(`${step} → ${target.image}`);
    try {
      await buildOne(docker, target, options.buildArgs);
    } catch (error) {
      const hint = await missingBaseHint(docker, target, options.buildArgs);
      throw new Error(`${step} failed after ${seconds(began)}: ${(error as Error).message}${hint}`);
    }
    console.log(`${step} built in ${seconds(began)}`);
  }
  console.log(`build:functions: ${targets.length} images in ${seconds(started)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`build:functions: ${message}${error instanceof UsageError ? `\n${USAGE}` : ''}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
