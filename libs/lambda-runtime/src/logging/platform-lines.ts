/** The text of Lambda's START / END / REPORT platform lines for one invocation. */
export interface InvocationReport {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on the first invocation a freshly initialised runtime serves. */
  initDurationMs?: number;
  /** Set when the invocation did not end with a response or function error. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

/** Lambda bills every started millisecond. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function reportLine(report: InvocationReport): string {
  const parts = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(report.durationMs)} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
  ];
  if (report.initDurationMs !== undefined) {
    parts.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  }
  if (report.status) parts.push(`Status: ${report.status}`);
  if (report.errorType) parts.push(`Error Type: ${report.errorType}`);
  return parts.join('\t');
}
