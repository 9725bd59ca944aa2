import { RUNTIME_STATUS, type LambdaInvokeError, newTraceId } from '@app/contracts';
import { invokedFunctionArn, type RuntimeConfig } from '../config/runtime-config';
import {
  busyError,
  exitError,
  initTimeoutError,
  payloadTooLargeError,
  timeoutError,
} from '../errors/sandbox-errors';
import type { SandboxLogger } from '../logging/sandbox-logger';
import type { Invocation } from '../runtime-api/invocation';
import type { MemoryProbe } from './memory-probe';
import type { ProcessExit, RuntimeLauncher, RuntimeProcess } from './runtime-process';
import {
  MAX_PAYLOAD_BYTES,
  type Clock,
  type InvokeOutcome,
  type InvokeRequest,
  type LogTails,
  type Readiness,
  type SandboxPhase,
  type StreamedResponse,
  unhandled,
} from './sandbox-types';

interface RuntimeInstance {
  process: RuntimeProcess;
  startedAt: number;
  /** Set once init finished; reported on the first invocation only. */
  initDurationMs?: number;
  initReported: boolean;
}

interface ActiveInvocation {
  invocation: Invocation;
  startedAt: number;
  logTail: boolean;
  timer: NodeJS.Timeout;
  resolve: (outcome: InvokeOutcome) => void;
}

interface ParkedNext {
  resolve: (invocation: Invocation) => void;
}

/**
 * One Lambda execution environment: keeps a runtime client process initialised, hands it one
 * invocation at a time through the Runtime API, and enforces the timeout. A runtime that times out
 * or dies during an invocation is replaced at once; one that exits while idle, or fails init, is
 * started again by the next invoke, as Lambda does.
 */
export class Sandbox {
  private phase: SandboxPhase = 'stopped';
  private runtime?: RuntimeInstance;
  private initError?: LambdaInvokeError;
  private initSettled = Promise.resolve();
  private settleInit: () => void = () => undefined;
  private initTimer?: NodeJS.Timeout;
  private reserved = false;
  private active?: ActiveInvocation;
  private queued?: Invocation;
  private parked?: ParkedNext;

  constructor(
    private readonly config: RuntimeConfig,
    private readonly launcher: RuntimeLauncher,
    private readonly logger: SandboxLogger,
    private readonly memory: MemoryProbe,
    private readonly clock: Clock,
    private readonly logTails?: LogTails,
  ) {}

  readiness(): Readiness {
    return this.initError && this.phase === 'init-failed'
      ? { phase: this.phase, initError: this.initError }
      : { phase: this.phase };
  }

  /** Starts the first runtime process; init runs eagerly so the first invoke does not pay for it. */
  start(): void {
    this.beginInit();
    this.spawn();
  }

  async stop(): Promise<void> {
    this.phase = 'stopped';
    clearTimeout(this.initTimer);
    this.settleInit();
    const runtime = this.runtime;
    this.runtime = undefined;
    runtime?.process.kill();
    await runtime?.process.exited;
  }

  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    if (this.reserved) return { status: RUNTIME_STATUS.busy, body: busyError() };
    this.reserved = true;
    let streaming: StreamedResponse | undefined;
    try {
      if (this.phase === 'init-failed' || this.phase === 'exited') await this.restart();
      await this.initSettled;
      if (this.phase !== 'ready') {
        const error = this.initError ?? exitError(undefined, null, null);
        return unhandled(RUNTIME_STATUS.functionError, error);
      }
      const outcome = await this.run(request);
      // A streaming answer keeps the sandbox busy until the stream is over.
      if (outcome.stream) streaming = outcome.stream;
      return outcome;
    } finally {
      if (streaming) streaming.body.once('close', () => (this.reserved = false));
      else this.reserved = false;
    }
  }

  // ---- Runtime API side ----

  /** `GET /runtime/invocation/next`: the first call ends init; then it waits for work. */
  nextInvocation(onCancel: (cancel: () => void) => void): Promise<Invocation> {
    if (this.phase === 'initialising' && this.runtime) this.finishInit();
    if (this.queued) {
      const invocation = this.queued;
      this.queued = undefined;
      return Promise.resolve(invocation);
    }
    return new Promise((resolve) => {
      const parked: ParkedNext = { resolve };
      this.parked = parked;
      onCancel(() => {
        if (this.parked === parked) this.parked = undefined;
      });
    });
  }

  postResponse(requestId: string, body: Buffer, size: number): boolean {
    if (!this.isActive(requestId)) return false;
    if (size > MAX_PAYLOAD_BYTES) {
      const error = payloadTooLargeError('response', size, MAX_PAYLOAD_BYTES);
      this.finish(unhandled(RUNTIME_STATUS.functionError, error));
    } else {
      this.finish({ status: RUNTIME_STATUS.ok, body });
    }
    return true;
  }

  /**
   * A streaming response: the caller gets the stream at once; the invocation (its timeout, END and
   * REPORT) ends when the stream does. A timeout replaces the runtime, which cuts the stream.
   */
  postStreamingResponse(requestId: string, stream: StreamedResponse): boolean {
    const active = this.active;
    if (!active || active.invocation.requestId !== requestId) return false;
    const answer = active.resolve;
    active.resolve = () => undefined;
    answer({ status: RUNTIME_STATUS.ok, body: Buffer.alloc(0), stream });
    stream.body.once('close', () => {
      if (this.active === active) this.finish({ status: RUNTIME_STATUS.ok, body: Buffer.alloc(0) });
    });
    return true;
  }

  postError(requestId: string, error: LambdaInvokeError): boolean {
    if (!this.isActive(requestId)) return false;
    this.finish(unhandled(RUNTIME_STATUS.functionError, error));
    return true;
  }

  /** `POST /runtime/init/error`: the client could not load the handler and will exit. */
  postInitError(error: LambdaInvokeError): boolean {
    if (this.phase !== 'initialising') return false;
    this.failInit(error);
    return true;
  }

  // ---- lifecycle ----

  private beginInit(): void {
    this.phase = 'initialising';
    this.initError = undefined;
    this.initSettled = new Promise((resolve) => (this.settleInit = resolve));
  }

  private spawn(): void {
    const runtime: RuntimeInstance = {
      startedAt: this.clock.monotonicMs(),
      initReported: false,
      process: this.launcher.launch({
        onLine: (line, stream) =>
          this.logger.runtimeLine(line, stream, this.active?.invocation.requestId),
        onExit: (exit) => this.onRuntimeExit(runtime, exit),
      }),
    };
    this.runtime = runtime;
    clearTimeout(this.initTimer);
    this.initTimer = setTimeout(() => {
      if (this.phase !== 'initialising' || this.runtime !== runtime) return;
      this.failInit(initTimeoutError(this.config.initTimeoutMs));
      runtime.process.kill();
    }, this.config.initTimeoutMs);
  }

  private finishInit(): void {
    clearTimeout(this.initTimer);
    if (this.runtime) {
      this.runtime.initDurationMs = this.clock.monotonicMs() - this.runtime.startedAt;
    }
    this.phase = 'ready';
    this.settleInit();
  }

  private failInit(error: LambdaInvokeError): void {
    clearTimeout(this.initTimer);
    this.initError = error;
    this.phase = 'init-failed';
    this.logger.sandbox('ERROR', `INIT_REPORT Status: error\tError Type: ${error.errorType}`);
    this.settleInit();
  }

  /** Replaces the runtime process: the old one is gone before the new one may call the API. */
  private async restart(): Promise<void> {
    this.beginInit();
    const old = this.runtime;
    this.runtime = undefined;
    this.parked = undefined;
    this.queued = undefined;
    old?.process.kill();
    await old?.process.exited;
    if (this.phase === 'stopped') return;
    this.spawn();
  }

  private onRuntimeExit(runtime: RuntimeInstance, exit: ProcessExit): void {
    if (this.runtime !== runtime) return;
    if (this.active) {
      const requestId = this.active.invocation.requestId;
      const error = exitError(requestId, exit.code, exit.signal);
      this.finish(unhandled(RUNTIME_STATUS.crashed, error), 'error');
      return;
    }
    if (this.phase === 'initialising') {
      this.failInit(exit.initError ?? exitError(undefined, exit.code, exit.signal));
      return;
    }
    if (this.phase === 'ready') {
      // Restarted on demand, not at once: a runtime that keeps dying cannot spin in a loop.
      this.phase = 'exited';
      const reason = exitError(undefined, exit.code, exit.signal).errorMessage;
      this.logger.sandbox('WARN', `runtime exited while idle (${reason}); next invoke restarts it`);
    }
  }

  // ---- invocations ----

  private run(request: InvokeRequest): Promise<InvokeOutcome> {
    const invocation: Invocation = {
      requestId: request.requestId,
      event: request.event,
      deadlineMs: Math.floor(this.clock.epochMs() + this.config.timeoutMs),
      invokedFunctionArn: invokedFunctionArn(this.config),
      traceId: request.traceId ?? newTraceId(this.clock.epochMs()),
      clientContext: request.clientContext,
      cognitoIdentity: request.cognitoIdentity,
    };
    const logTail = Boolean(request.logTail && this.logTails);
    if (logTail) this.logTails?.start(invocation.requestId);
    this.logger.start(invocation.requestId);
    return new Promise((resolve) => {
      this.active = {
        invocation,
        startedAt: this.clock.monotonicMs(),
        logTail,
        resolve,
        timer: setTimeout(() => {
          const error = timeoutError(invocation.requestId, this.config.timeoutMs);
          this.finish(unhandled(RUNTIME_STATUS.timeout, error), 'timeout');
        }, this.config.timeoutMs),
      };
      const parked = this.parked;
      this.parked = undefined;
      if (parked) parked.resolve(invocation);
      else this.queued = invocation;
    });
  }

  private isActive(requestId: string): boolean {
    return this.active?.invocation.requestId === requestId;
  }

  /** Ends the active invocation; a timeout or crash also replaces the runtime process. */
  private finish(outcome: InvokeOutcome, status?: 'timeout' | 'error'): void {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    this.queued = undefined;
    clearTimeout(active.timer);
    const runtime = this.runtime;
    const firstAfterInit = runtime && !runtime.initReported;
    if (runtime) runtime.initReported = true;
    const report = {
      requestId: active.invocation.requestId,
      durationMs: this.clock.monotonicMs() - active.startedAt,
      memorySizeMb: this.config.memorySizeMb,
      maxMemoryUsedMb: this.memory.peakMb(runtime?.process.pid),
      initDurationMs: firstAfterInit ? runtime.initDurationMs : undefined,
      status,
      errorType: status && !Buffer.isBuffer(outcome.body) ? outcome.body.errorType : undefined,
    };
    if (status) void this.restart();
    if (!active.logTail) active.resolve(outcome);
    // After the answer is on its way, so lines the runtime printed just before responding come first;
    // a caller who wants the log tail waits for END and REPORT, which end it.
    setImmediate(() => {
      this.logger.endAndReport(report);
      if (active.logTail)
        active.resolve({ ...outcome, logTail: this.logTails?.take(report.requestId) });
    });
  }
}
