// `npm start`: the whole system on the host's Docker engine with one command (docs/dev-mode.md).
import { RoutingFile } from '@app/contracts';
import {
  GENERATE_FLAGS,
  parseFlags,
  resolveGeneratorOptions,
  UsageError,
} from '@app/sam-generator';
import Docker from 'dockerode';
import { ChildProcess } from 'node:child_process';
import yaml from 'js-yaml';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayEnvironment, HostServices, managerEnvironment } from './app-environments';
import { startApp, stopApp, waitUntilReady } from './app-process';
import { type BannerFacts, readyBanner } from './banner';
import { CleanupStack } from './cleanup-stack';
import {
  APP_MAINS,
  buildAppsIfStale,
  buildFunctionImages,
  ensureBaseImages,
  generateConfig,
  requiredBaseImages,
} from './build-steps';
import {
  assertEngineReachable,
  connectDocker,
  ensureLambdaNetwork,
  imagePresent,
  removeInstanceContainers,
  removeLambdaNetwork,
} from './docker-engine';
import { DevSetupError } from './files';
import { stopFunctionContainers } from './function-containers';
import { startHostServices } from './host-services';
import { ProcessLogShipper } from './process-logs';
import { DevSettings, DevUsageError, readDevSettings, USAGE } from './settings';

const root = process.cwd();
const env = process.env;
const startedAt = Date.now();

const cleanups = new CleanupStack();
let exiting = false;
/** Ships the apps' lines when VICTORIALOGS_URL is set (the Manager ships the functions'). */
let appLogs: ProcessLogShipper | undefined;

async function shutdown(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  if (!cleanups.empty) {
    console.log('dev: stopping …');
    await cleanups.runAll();
    console.log('dev: stopped');
  }
  process.exit(code);
}

function outDirOf(generatorArgs: string[]): string {
  const flags = parseFlags(generatorArgs, GENERATE_FLAGS);
  const configPath = flags.config?.at(-1);
  const config = configPath && { path: configPath, text: readFileSync(configPath, 'utf8') };
  return resolveGeneratorOptions(flags, config || undefined).out;
}

/** The running Manager; SIGUSR2 replaces it (`restartManager`), its containers keep running. */
let managerChild: ChildProcess | undefined;
let relaunchManager: (() => Promise<void>) | undefined;
const replacedChildren = new WeakSet<ChildProcess>();

async function startManager(
  docker: Docker,
  settings: DevSettings,
  functionsFile: string,
  host: HostServices,
) {
  const managerEnv = managerEnvironment(env, settings, functionsFile, host);
  const launch = async () => {
    const child = startApp('manager', APP_MAINS.manager, root, managerEnv, appLogs);
    managerChild = child;
    watchForCrash('manager', child);
    await waitUntilReady('manager', `http://127.0.0.1:${settings.managerPort}/health/ready`, child);
  };
  cleanups.push('stopping the Manager and its function containers', async () => {
    const manager = {
      managerPort: settings.managerPort,
      token: settings.credentials.managerToken,
    };
    const stopped = await stopFunctionContainers(manager).catch(async (error: Error) => {
      console.error(
        `dev: the Manager did not stop its containers (${error.message}); removing them`,
      );
      return removeInstanceContainers(docker, settings.managerInstance);
    });
    if (stopped.length > 0) console.log(`dev: removed ${stopped.join(', ')}`);
    if (managerChild) await stopApp(managerChild);
  });
  await launch();
  relaunchManager = async () => {
    const previous = managerChild;
    if (previous) {
      replacedChildren.add(previous);
      await stopApp(previous);
    }
    await launch();
  };
}

/** SIGUSR2: stop the Manager and start it again (Adopt & Sync keeps its containers warm). */
let restarting = false;
async function restartManager(): Promise<void> {
  if (!relaunchManager || restarting || exiting) return;
  restarting = true;
  console.log('dev: restarting the Manager');
  try {
    await relaunchManager();
    console.log('dev: manager restarted');
  } catch (error) {
    console.error(`dev: ${(error as Error).message}`);
    await shutdown(1);
  } finally {
    restarting = false;
  }
}

async function startGateway(settings: DevSettings, routingFile: string) {
  const child = startApp(
    'gateway',
    APP_MAINS.gateway,
    root,
    gatewayEnvironment(env, settings, routingFile),
    appLogs,
  );
  cleanups.push('stopping the Gateway', () => stopApp(child));
  watchForCrash('gateway', child);
  const scheme = settings.gatewayTls ? 'https' : 'http';
  await waitUntilReady(
    'gateway',
    `${scheme}://127.0.0.1:${settings.gatewayPort}/health/ready`,
    child,
  );
}

function watchForCrash(name: string, child: ReturnType<typeof startApp>): void {
  child.once('exit', (code, signal) => {
    if (exiting || replacedChildren.has(child)) return;
    console.error(`dev: ${name} exited (${signal ?? `code ${code}`}); stopping everything`);
    void shutdown(1);
  });
}

async function main(): Promise<void> {
  const settings = readDevSettings(env, process.argv.slice(2), root, (path) =>
    Boolean(statSync(path, { throwIfNoEntry: false })?.isDirectory()),
  );
  const socketPath = env.DOCKER_SOCKET ?? '/var/run/docker.sock';
  const docker = connectDocker(socketPath);
  await assertEngineReachable(docker, socketPath);
  buildAppsIfStale(root);
  generateConfig(root, settings.generatorArgs);
  const outDir = outDirOf(settings.generatorArgs);
  await ensureBaseImages(root, requiredBaseImages(outDir), (image) => imagePresent(docker, image));
  buildFunctionImages(root, outDir);

  const network = await ensureLambdaNetwork(docker, settings.lambdaNetwork);
  cleanups.push(`removing network ${network.name}`, () => removeLambdaNetwork(docker, network));
  const host = await startHostServices(settings, network.hostIp, cleanups);
  appLogs = ProcessLogShipper.forUrl(env.VICTORIALOGS_URL);
  if (appLogs) {
    const shipper = appLogs;
    cleanups.push('shipping the last log lines', () => shipper.close());
  }
  await startManager(docker, settings, join(outDir, 'functions.yml'), host);
  const routingFile = join(outDir, 'routing.yml');
  await startGateway(settings, routingFile);

  const { routes, functionUrls } = yaml.load(readFileSync(routingFile, 'utf8')) as RoutingFile;
  const { schedules } = yaml.load(readFileSync(join(outDir, 'functions.yml'), 'utf8')) as {
    schedules?: BannerFacts['schedules'];
  };
  const tlsDir = env.TLS_DIR || '.onpre/tls';
  console.log(
    readyBanner({
      settings,
      host,
      outDir,
      routes,
      schedules,
      functionUrls,
      certificateFile: settings.gatewayTls
        ? env.TLS_CERT_FILE || join(tlsDir, 'gateway.crt')
        : undefined,
      startupSeconds: (Date.now() - startedAt) / 1000,
    }),
  );
}

// The apps run in their own sessions, so a closed terminal (SIGHUP) must stop them through here too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void shutdown(0));
process.on('SIGUSR2', () => void restartManager());
main().catch((error: Error) => {
  const expected = [DevSetupError, DevUsageError, UsageError].some((type) => error instanceof type);
  console.error(`dev: ${expected ? error.message : (error.stack ?? error.message)}`);
  if (error instanceof DevUsageError) console.error(USAGE);
  void shutdown(1);
});
