import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FunctionRegistry } from '../config/function-registry';
import type { ScheduleConfig } from '../config/invocation-config';
import { ManagerError } from '../errors';
import { CLOCK, Clock } from '@app/platform';
import type { ScheduleViewDto, TriggerResponseDto } from '@app/contracts';
import { ASYNC_SETTINGS, AsyncQueue, AsyncQueueSettings } from './async-queue';
import { EVENT_STORE, EventStore } from './event-store';
import { scheduledEventPayload } from './scheduled-event';

export const SCHEDULE_TICK_MS = Symbol('ScheduleTickMs');
const INTERVAL_NAME = 'schedules';
const STATE_FILE = 'schedules';

/** Persisted per schedule: when its rate period started and the last run it queued. */
interface ScheduleState {
  key: string;
  anchor: number;
  lastScheduledAt: number;
}

export class ScheduleNotFoundError extends ManagerError {
  readonly status = 404;
  constructor(name: string) {
    super(`schedule '${name}' is not configured in functions.yml`);
  }
}

const keyOf = (s: ScheduleConfig): string => `${s.function}|${s.expression}|${s.timezone}`;

/**
 * Fires schedules into the async queue (EventBridge invokes Lambda asynchronously, so the function's
 * retries and destinations apply). The last queued run is on disk before it counts: after a restart a
 * run that fell due while the Manager was down is queued once (several missed runs collapse into
 * the latest), and a run is never queued twice except when the Manager died between the two writes.
 */
@Injectable()
export class ScheduleRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduleRunner.name);
  private state: Record<string, ScheduleState> = {};
  private ticking = false;

  constructor(
    private readonly registry: FunctionRegistry,
    private readonly queue: AsyncQueue,
    private readonly scheduler: SchedulerRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ASYNC_SETTINGS) private readonly settings: AsyncQueueSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SCHEDULE_TICK_MS) private readonly tickMs: number,
  ) {}

  onApplicationBootstrap(): void {
    const saved = this.store.loadState(STATE_FILE);
    if (saved && typeof saved === 'object') this.state = saved as Record<string, ScheduleState>;
    for (const view of this.list()) {
      this.logger.log(
        `schedule ${view.name} → ${view.function}: ${view.expression} (${view.timezone})` +
          (view.enabled ? `, next ${view.nextAt ?? 'never'}` : ', disabled'),
      );
    }
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => void this.tick(), this.tickMs),
    );
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME))
      this.scheduler.deleteInterval(INTERVAL_NAME);
  }

  private stateOf(schedule: ScheduleConfig, now: number): ScheduleState {
    const current = this.state[schedule.name];
    if (current && current.key === keyOf(schedule)) return current;
    const fresh = { key: keyOf(schedule), anchor: now, lastScheduledAt: now };
    this.state[schedule.name] = fresh;
    return fresh;
  }

  /** One pass: queues every run that is due. Passes never overlap. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.clock.now();
      for (const schedule of this.registry.schedules()) {
        const state = this.stateOf(schedule, now);
        if (!schedule.enabled) {
          state.lastScheduledAt = now;
          continue;
        }
        let due: number | undefined;
        let missed = 0;
        for (
          let next = schedule.nextAfter(state.lastScheduledAt, state.anchor);
          next !== undefined && next <= now && missed < 100_000;
          next = schedule.nextAfter(next, state.anchor)
        ) {
          due = next;
          missed++;
        }
        if (due === undefined) continue;
        if (missed > 1)
          this.logger.warn(
            `schedule ${schedule.name}: ${missed - 1} missed run(s) collapsed into one`,
          );
        await this.fire(schedule, due);
        state.lastScheduledAt = due;
        await this.store.saveState(STATE_FILE, this.state);
      }
    } catch (error) {
      this.logger.warn(`schedule pass failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private async fire(schedule: ScheduleConfig, at: number): Promise<string> {
    const payload = scheduledEventPayload(schedule, at, this.settings);
    const event = await this.queue.enqueue(schedule.function, payload);
    this.logger.log(`schedule ${schedule.name} queued ${event.id} for ${schedule.function}`);
    return event.id;
  }

  /** Runs a schedule now, by hand (also a disabled one); its timing is not changed. */
  async trigger(name: string): Promise<TriggerResponseDto> {
    const schedule = this.registry.schedules().find((s) => s.name === name);
    if (!schedule) throw new ScheduleNotFoundError(name);
    const eventId = await this.fire(schedule, this.clock.now());
    return { schedule: name, function: schedule.function, eventId };
  }

  list(): ScheduleViewDto[] {
    const now = this.clock.now();
    return this.registry.schedules().map((schedule) => {
      const state = this.stateOf(schedule, now);
      const next = schedule.enabled
        ? schedule.nextAfter(state.lastScheduledAt, state.anchor)
        : undefined;
      return {
        name: schedule.name,
        function: schedule.function,
        expression: schedule.expression,
        timezone: schedule.timezone,
        enabled: schedule.enabled,
        ...(next !== undefined ? { nextAt: new Date(next).toISOString() } : {}),
        lastScheduledAt: new Date(state.lastScheduledAt).toISOString(),
      };
    });
  }
}
