import pino, { type Logger } from 'pino';

export type { Logger };

/** One logger per process, created in main.ts and handed down. JSON unless `pretty`. */
export function createLogger(name: string, options: { level?: string; pretty?: boolean } = {}): Logger {
  return pino({
    name,
    level: options.level ?? 'info',
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  });
}

/** A silent logger for tests that do not care. */
export const silentLogger: Logger = pino({ level: 'silent' });
