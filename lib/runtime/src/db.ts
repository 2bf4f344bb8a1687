import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type { Logger } from 'pino';

/** A drizzle database over either driver; both are PgDatabase underneath. */
export type Database<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface DatabaseOptions<TSchema extends Record<string, unknown>> {
  /** postgres:// URL: postgres.js. Unset: embedded PGlite in `dataDir`. */
  url?: string | undefined;
  dataDir: string;
  schema: TSchema;
  migrationsFolder: string;
  logger: Logger;
}

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  driver: 'postgres' | 'pglite';
  /** Subscribe to a Postgres NOTIFY channel (both drivers support LISTEN). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

class PinoDrizzleLogger implements DrizzleLogger {
  constructor(private readonly logger: Logger) {}
  logQuery(query: string, params: unknown[]): void {
    this.logger.trace({ query, params }, 'sql');
  }
}

/** Opens the database and applies the committed drizzle-kit migrations. */
export async function openDatabase<TSchema extends Record<string, unknown>>(options: DatabaseOptions<TSchema>): Promise<DatabaseHandle<TSchema>> {
  const logger = new PinoDrizzleLogger(options.logger);
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const sql = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzle(sql, { schema: options.schema, logger });
    await migrate(db, { migrationsFolder: options.migrationsFolder });
    return {
      db: db as unknown as Database<TSchema>,
      driver: 'postgres',
      async listen(channel, onPayload) {
        const sub = await sql.listen(channel, onPayload);
        return async () => sub.unlisten();
      },
      async notify(channel, payload) {
        await sql.notify(channel, payload);
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = lockDataDir(options.dataDir);
  const client = await PGlite.create(options.dataDir).catch((error: unknown) => {
    releaseLock();
    throw error;
  });
  const db = drizzle({ client, schema: options.schema, logger });
  await migrate(db, { migrationsFolder: options.migrationsFolder });
  return {
    db: db as unknown as Database<TSchema>,
    driver: 'pglite',
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return unlisten;
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same folder corrupts it
 * (two demos started on one .data folder did exactly that). The folder is held by a pid file
 * next to it; a holder that is no longer alive (killed, crashed) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir.replace(/\/+$/, '')}.lock`;
  // A fresh clone has no .data yet.
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new Error(`database folder ${dataDir} is in use by process ${holder}; stop it first (two processes on one PGlite folder would corrupt it)`, {
          cause: error,
        });
      }
      unlinkSync(lockFile); // stale: its holder is gone
    }
  }
  throw new Error(`could not lock database folder ${dataDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
