import { format } from 'node:util';

type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const METHOD_LEVELS: Array<[keyof Console, Level]> = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
];

/** One log line as the sandbox reads it (it adds the timestamp and function name). */
export function consoleLine(level: Level, args: unknown[], requestId: string | undefined): string {
  const message = format(...args);
  return `${JSON.stringify(requestId ? { level, message, requestId } : { level, message })}\n`;
}

/** Makes `console.*` write JSON lines tagged with the current request id and the method's level. */
export function patchConsole(
  currentRequestId: () => string | undefined,
  write: (line: string) => void,
) {
  for (const [method, level] of METHOD_LEVELS) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args) =>
      write(consoleLine(level, args, currentRequestId()));
  }
}
