import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CONTAINER_RUNTIME, ContainerRuntime, RuntimeState } from '../runtime/container-runtime';

const STATES: RuntimeState[] = ['running', 'paused', 'stopped', 'broken'];

/** Milliseconds a container start spent creating it, starting it and waiting for its runtime. */
export interface StartPhases {
  create: number;
  start: number;
  ready: number;
}

/** Prometheus metrics on a registry of our own (no global state shared between app instances). */
@Injectable()
export class ManagerMetrics {
  readonly registry = new Registry();

  private readonly coldStarts = new Counter({
    name: 'onpre_manager_cold_starts_total',
    help: 'Containers started (created or restarted) to serve a function.',
    labelNames: ['function'],
    registers: [this.registry],
  });

  private readonly startSeconds = new Histogram({
    name: 'onpre_manager_container_start_seconds',
    help: 'From start request to runtime ready.',
    labelNames: ['function'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly startPhaseSeconds = new Histogram({
    name: 'onpre_manager_container_start_phase_seconds',
    help: 'A container start by phase: create (0 for a restart), start (engine), ready (runtime readiness).',
    labelNames: ['phase'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });

  private readonly unpauseSeconds = new Histogram({
    name: 'onpre_manager_container_unpause_seconds',
    help: 'From unpause request to runtime ready again (the cool tier).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  private readonly reaped = new Counter({
    name: 'onpre_manager_reaped_total',
    help: 'Containers the idle reaper paused (cool), stopped (idle) or removed (long stopped).',
    labelNames: ['action'],
    registers: [this.registry],
  });

  constructor(@Inject(CONTAINER_RUNTIME) runtime: ContainerRuntime) {
    new Gauge({
      name: 'onpre_manager_containers',
      help: "This Manager's containers by state (read from the engine at scrape time).",
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const containers = await runtime.list().catch(() => undefined);
        if (!containers) return;
        for (const state of STATES) {
          this.set({ state }, containers.filter((c) => c.state === state).length);
        }
      },
    });
  }

  recordStart(functionName: string, seconds: number, phases?: StartPhases): void {
    this.coldStarts.inc({ function: functionName });
    this.startSeconds.observe({ function: functionName }, seconds);
    for (const [phase, ms] of Object.entries(phases ?? {})) {
      this.startPhaseSeconds.observe({ phase }, ms / 1000);
    }
  }

  recordUnpause(seconds: number): void {
    this.unpauseSeconds.observe(seconds);
  }

  recordReaped(action: 'paused' | 'stopped' | 'removed'): void {
    this.reaped.inc({ action });
  }
}
