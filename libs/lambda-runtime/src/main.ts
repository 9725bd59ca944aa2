import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:net';
import { readRuntimeConfig, RuntimeConfigError, runtimeProcessEnv } from './config/runtime-config';
import { createInvokeServer } from './invoke/invoke-server';
import { StdoutLogSink } from './logging/log-sink';
import { LogTailRecorder } from './logging/log-tail';
import { SandboxLogger } from './logging/sandbox-logger';
import { createRuntimeApiServer } from './runtime-api/runtime-api-server';
import { ProcMemoryProbe } from './sandbox/memory-probe';
import { fileState } from './sandbox/file-state';
import { planLaunch } from './sandbox/launch-plan';
import { ChildProcessLauncher } from './sandbox/runtime-process';
import { Sandbox } from './sandbox/sandbox';
import { systemClock } from './sandbox/sandbox-types';

/** Entry point of the image (ENTRYPOINT); the handler arrives as the first argument (CMD). */
async function main(): Promise<void> {
  const sink = new LogTailRecorder(new StdoutLogSink());
  let config;
  try {
    config = readRuntimeConfig(
      process.env,
      process.argv.slice(2),
      new Date(),
      randomBytes(16).toString('hex'),
    );
  } catch (error) {
    if (!(error instanceof RuntimeConfigError)) throw error;
    new SandboxLogger(sink, process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown', '$LATEST').sandbox(
      'FATAL',
      error.message,
    );
    process.exit(2);
  }
  const logger = new SandboxLogger(
    sink,
    config.functionName,
    config.functionVersion,
    () => new Date(),
    config.applicationLogLevel,
  );
  const launcher = new ChildProcessLauncher(
    () => planLaunch(config, process.execPath, fileState),
    runtimeProcessEnv(config, process.env),
    // An image's own entrypoint starts where the image's WORKDIR is, as Docker would start it.
    config.entrypoint ? process.cwd() : config.taskRoot,
  );
  const sandbox = new Sandbox(config, launcher, logger, new ProcMemoryProbe(), systemClock, sink);
  const runtimeApi = createRuntimeApiServer(sandbox);
  const invokeServer = createInvokeServer(sandbox, config.invokeToken);
  runtimeApi.listen(config.runtimeApiPort, '127.0.0.1');
  await once(runtimeApi, 'listening');
  sandbox.start();
  invokeServer.listen(config.invokePort, '0.0.0.0');
  await once(invokeServer, 'listening');

  const shutdown = async () => {
    await sandbox.stop();
    for (const server of [invokeServer, runtimeApi] as Server[]) server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

void main();
