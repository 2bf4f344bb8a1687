import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import { traceLogFields } from './tracing.ts';

export type { Logger };

/** One logger per process, created in main.ts and handed down. JSON unless `pretty`. */
export function createLogger(name: string, options: { level?: string; pretty?: boolean } = {}): Logger {
  return pino({
    name,
    level: options.level ?? 'info',
    // The trace id of the request being handled (when tracing is on), to find a log line's trace and back.
    mixin: traceLogFields,
    ...(options.pretty ? { transport: { target: prettyTarget(), options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}

/**
 * pino-pretty by absolute path, resolved from this package (which depends on it). pino
 * resolves a bare target from its caller's file; in a service bundle (lib/launcher) that is
 * <service>/.bundle/main.mjs, whose package does not depend on pino-pretty.
 */
function prettyTarget(): string {
  return createRequire(import.meta.url).resolve('pino-pretty');
}

/** A silent logger for tests that do not care. */
export const silentLogger: Logger = pino({ level: 'silent' });
