import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FunctionRegistry, FunctionsSource } from '../../src/config/function-registry';
import { ManagerMetrics } from '../../src/metrics/manager-metrics';
import { ActivityTracker } from '../../src/pool/activity-tracker';
import { ContainerAdmin } from '../../src/pool/container-admin';
import { ContainerBudget } from '../../src/pool/container-budget';
import { ContainerSync } from '../../src/pool/container-sync';
import { FunctionPools } from '../../src/pool/function-pools';
import { IdleReaper } from '../../src/pool/idle-reaper';
import type { PoolSettings } from '../../src/pool/pool-settings';
import { FakeClock } from './fake-clock';
import { FakeContainerRuntime } from './fake-container-runtime';
import { FakeHttpProbe } from './fake-http-probe';

/** functions.yml text held in memory; `text` can be changed before a reload. */
export class InMemoryFunctionsSource implements FunctionsSource {
  readonly fileName = 'functions.yml';
  constructor(public text: string) {}

  read(): string {
    return this.text;
  }
}

export const HELLO_FUNCTIONS = `
functions:
  hello:
    image: fn-hello:latest
    reservedConcurrency: 3
  other:
    image: fn-other:latest
`;

export const TEST_POOL_SETTINGS: PoolSettings = {
  readyTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  coolAfterMs: 0,
  stoppedRetentionMs: 120_000,
  instance: 'unit',
  injected: { AWS_REGION: 'ap-northeast-1' },
  maxContainers: 100,
};

/** The pool services wired by hand with fakes (no Nest container): fast unit tests. */
export function createPoolHarness(
  functionsYaml = HELLO_FUNCTIONS,
  probe = new FakeHttpProbe(),
  settingsOverrides: Partial<PoolSettings> = {},
) {
  Logger.overrideLogger(false);
  const runtime = new FakeContainerRuntime();
  const clock = new FakeClock();
  const source = new InMemoryFunctionsSource(functionsYaml);
  const registry = new FunctionRegistry(source, {
    injected: TEST_POOL_SETTINGS.injected,
    defaultReservedConcurrency: 10,
    processEnv: {},
  });
  registry.onModuleInit();
  const activity = new ActivityTracker();
  const metrics = new ManagerMetrics(runtime);
  const settings = { ...TEST_POOL_SETTINGS, ...settingsOverrides };
  const budget = new ContainerBudget(runtime, settings);
  const pools = new FunctionPools(
    runtime,
    registry,
    activity,
    metrics,
    clock,
    probe,
    settings,
    budget,
  );
  const admin = new ContainerAdmin(runtime, pools, activity, clock);
  const sync = new ContainerSync(runtime, registry, pools, activity, clock);
  const reaper = new IdleReaper(
    runtime,
    pools,
    sync,
    registry,
    activity,
    metrics,
    new SchedulerRegistry(),
    clock,
    settings,
    1_000,
  );
  return { runtime, clock, source, registry, activity, metrics, pools, admin, sync, reaper, probe };
}
