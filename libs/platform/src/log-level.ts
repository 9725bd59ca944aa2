/** Accepts the seed's level names (DEBUG, INFO, WARNING, …) and pino's; returns pino's. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type PinoLevel = (typeof LOG_LEVELS)[number];

const ALIASES: Record<string, PinoLevel> = {
  warning: 'warn',
  critical: 'fatal',
};

export function toPinoLevel(value: string): PinoLevel | undefined {
  const lower = value.trim().toLowerCase();
  const level = ALIASES[lower] ?? lower;
  return (LOG_LEVELS as readonly string[]).includes(level) ? level : undefined;
}
