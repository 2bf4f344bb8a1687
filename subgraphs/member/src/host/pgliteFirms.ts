import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, preparePgliteDataDirs, type Database, type DatabaseHandle, type Logger } from '@clustergraph/runtime';
import { memberSchema, type MemberSchema } from '../db/schema.ts';
import type { FirmDatabases } from './firmDatabases.ts';
import { hostSchema, type HostSchema } from './hostTables.ts';

export interface PgliteFirmsOptions {
  dataDir: string;
  memberMigrations: string;
  hostMigrations: string;
  logger: Logger;
}

/**
 * The demo's host without a database server: each firm in its own PGlite folder
 * (DATA_DIR/firms/<id>), the host's tables in DATA_DIR/host. A PGlite instance is a whole
 * PostgreSQL in WebAssembly (tens of MB), which is why the host opens a firm only while it is
 * used and closes it when idle.
 */
export async function openPgliteFirms(options: PgliteFirmsOptions): Promise<FirmDatabases> {
  const folderOf = (memberId: string) => join(options.dataDir, 'firms', memberId);
  const template = join(options.dataDir, '.pglite-template');
  await preparePgliteDataDirs([join(options.dataDir, 'host')], template);
  const hostHandle = await openDatabase({
    dataDir: join(options.dataDir, 'host'),
    schema: hostSchema,
    migrationsFolder: options.hostMigrations,
    logger: options.logger,
  });

  const rowsPerTable = async (db: DatabaseHandle<MemberSchema>) => {
    const tables = (await db.db.execute(
      sql.raw(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
    )) as unknown as { rows: { table_name: string }[] };
    const rows: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const counted = (await db.db.execute(sql.raw(`select count(*)::int as n from "${table.replaceAll('"', '""')}"`))) as unknown as { rows: { n: number }[] };
      rows[table] = Number(counted.rows[0]?.n ?? 0);
    }
    return rows;
  };

  return {
    driver: 'pglite',
    host: hostHandle.db as unknown as Database<HostSchema>,
    storageOf: (memberId) => `firms/${memberId}`,
    async create(memberId) {
      await preparePgliteDataDirs([folderOf(memberId)], template);
    },
    open: (memberId, logger) => openDatabase({ dataDir: folderOf(memberId), schema: memberSchema, migrationsFolder: options.memberMigrations, logger }),
    async drop(memberId) {
      const folder = folderOf(memberId);
      if (!existsSync(folder)) return {};
      // Counted on a short-lived handle of its own: the firm is closed by now.
      const handle = await openDatabase({ dataDir: folder, schema: memberSchema, migrationsFolder: options.memberMigrations, logger: options.logger });
      let rows: Record<string, number>;
      try {
        rows = await rowsPerTable(handle);
      } finally {
        await handle.close();
      }
      rmSync(folder, { recursive: true, force: true });
      return rows;
    },
    close: () => hostHandle.close(),
  };
}
