import type { Logger } from 'pino';

/** What a service's `app.ts` builds: `createApp(config)` returns one (STYLE.md 7). */
export interface RunnableService {
  start(port?: number, host?: string): Promise<unknown>;
  stop(): Promise<void>;
}

export interface RunServiceOptions {
  /** How the service is named in its log ('gateway', 'cluster subgraph', 'member subgraph'). */
  name: string;
  logger: Logger;
  port: number;
  host?: string;
  /** Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
  /** Runs after the app has stopped, before the exit (e.g. flushing traces). */
  afterStop?: () => Promise<unknown>;
  /** Ends the process (tests pass their own); default process.exit. */
  exit?: (code: number) => void;
}

/**
 * How every service's `main.ts` runs its app: start it, then stop it gracefully on SIGINT or
 * SIGTERM — the app drains its sockets and closes its database — and exit 0, or 1 when the stop
 * failed. A second signal while stopping is swallowed (`on`, not `once`): it must not kill the
 * process before the database is closed (PGlite needs its close to leave a consistent folder).
 * Apollo Server's own signal handlers are off (createServiceApp), so this is the only shutdown.
 */
export async function runService<App extends RunnableService>(app: App, options: RunServiceOptions): Promise<App> {
  const { name, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  await app.start(options.port, options.host);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} stopping`);
    try {
      await app.stop();
      await options.afterStop?.();
      logger.info(`${name} stopped`);
      exit(0);
    } catch (error) {
      logger.error({ err: error }, `${name} did not stop cleanly`);
      exit(1);
    }
  };
  for (const signal of options.signals ?? (['SIGINT', 'SIGTERM'] as const)) process.on(signal, () => void stop(signal));
  return app;
}
