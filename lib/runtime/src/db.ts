import { mkdirSync } from 'node:fs';
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
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
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
  const client = await PGlite.create(options.dataDir);
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
    close: () => client.close(),
  };
}
