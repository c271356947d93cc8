import { createLogger, type Logger } from '../../server/logger';

export interface CapturedLog {
  logger: Logger;
  /** Every line logged so far, parsed. */
  entries(): Array<Record<string, unknown>>;
}

/** A real pino logger whose JSON lines the test can read back. */
export function captureLogger(level = 'info'): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
