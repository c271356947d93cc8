import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per event. Tests pass `silent` or their own destination. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'ge-tracker' } }, destination);
}
