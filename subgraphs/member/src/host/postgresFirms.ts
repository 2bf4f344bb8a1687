import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database, DatabaseHandle, Logger } from '@clustergraph/runtime';
import { memberSchema, type MemberSchema } from '../db/schema.ts';
import { FirmMigrations } from './firmMigrations.ts';
import { firmSchemaName, type FirmDatabases } from './firmDatabases.ts';
import { hostSchema, type HostSchema } from './hostTables.ts';
import { schemaScopedClient } from './schemaScopedClient.ts';
import { StatementLanes } from './statementLanes.ts';
import { FirmWatch } from './firmWatch.ts';

const HOST_SCHEMA = 'member_host';

export interface PostgresFirmsOptions {
  url: string;
  /** Connections of the whole host (every firm shares them; LISTEN takes one more). */
  poolMax: number;
  memberMigrations: string;
  hostMigrations: string;
  logger: Logger;
}

/**
 * Every hosted firm in its own schema of ONE database, on ONE small pool: 200 firms with a
 * pool each would exhaust PostgreSQL's max_connections. A pooled connection's own search_path
 * is the host's schema (no firm data); a firm's statements set theirs per transaction
 * (schemaScopedClient.ts). LISTEN/NOTIFY channels already carry the member id
 * (line_events_<id>, sharing_policies_<id>), so firms never hear each other.
 */
export async function openPostgresFirms(options: PostgresFirmsOptions): Promise<FirmDatabases> {
  const sql = postgres(options.url, {
    max: options.poolMax,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { search_path: HOST_SCHEMA, application_name: 'clustergraph-member-host' },
  });
  const host = drizzle(sql, { schema: hostSchema });
  // The migration log apart from member_host itself (drizzle-kit's CREATE SCHEMA has no IF NOT EXISTS).
  await migrate(host, { migrationsFolder: options.hostMigrations, migrationsSchema: `${HOST_SCHEMA}_migrations` });
  const migrations = new FirmMigrations(options.memberMigrations);
  // Half the pool pipelines firms' single statements; the other half serves transactions and the host's tables.
  const lanes = new StatementLanes(sql, Math.max(1, Math.floor(options.poolMax / 2)));
  const watcher = new FirmWatch(sql, options.logger);

  return {
    driver: 'postgres',
    host: host as unknown as Database<HostSchema>,
    storageOf: firmSchemaName,
    async create(memberId) {
      const applied = await migrations.apply(sql, firmSchemaName(memberId));
      if (applied > 0) options.logger.info({ memberId, applied }, 'hosted firm schema migrated');
    },
    async open(memberId, logger): Promise<DatabaseHandle<MemberSchema>> {
      await migrations.apply(sql, firmSchemaName(memberId));
      const db = drizzle(schemaScopedClient(sql, lanes, firmSchemaName(memberId)) as never, { schema: memberSchema });
      const listening = new Set<{ unlisten(): Promise<void> }>();
      return {
        db: db as unknown as Database<MemberSchema>,
        driver: 'postgres',
        async listen(channel, onPayload) {
          const sub = await sql.listen(channel, onPayload);
          listening.add(sub);
          return async () => {
            listening.delete(sub);
            await sub.unlisten();
          };
        },
        async notify(channel, payload) {
          await sql.notify(channel, payload);
        },
        // The pool is the host's: closing a firm only stops what it listens to.
        async close() {
          await Promise.allSettled([...listening].map((sub) => sub.unlisten()));
          listening.clear();
          logger.debug({ memberId }, 'hosted firm database detached');
        },
      };
    },
    watch: (memberId, kind, check) => watcher.watch(firmSchemaName(memberId), kind, check),
    drop: (memberId) => migrations.drop(sql, firmSchemaName(memberId)),
    async close() {
      await watcher.stop();
      lanes.close();
      await sql.end({ timeout: 5 });
    },
  };
}
