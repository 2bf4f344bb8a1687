import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Sql } from 'postgres';

/**
 * The member standard's migrations (subgraphs/member/drizzle, the very files a firm's own
 * server applies) applied to one firm's schema on the host's PostgreSQL. drizzle-kit writes
 * enum types and foreign keys as `"public".<name>`; here they name the firm's schema, and the
 * rest runs with the firm's schema alone on the search_path. The firm's applied migrations are
 * recorded in its own `__drizzle_migrations`, so a host upgrade migrates each firm when it is
 * next opened.
 */
export class FirmMigrations {
  private readonly migrations: MigrationMeta[];

  constructor(migrationsFolder: string) {
    this.migrations = readMigrationFiles({ migrationsFolder });
  }

  /** Creates the schema if needed and applies what it lacks, under a lock per schema (concurrent provisioning). */
  async apply(sql: Sql, schema: string): Promise<number> {
    return sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`member-host:${schema}`}))`;
      await tx.unsafe(`create schema if not exists "${schema}"`);
      await tx.unsafe(`set local search_path to "${schema}"`);
      await tx.unsafe(`create table if not exists "${schema}"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)`);
      const [last] = await tx.unsafe<{ created_at: string | null }[]>(
        `select created_at from "${schema}"."__drizzle_migrations" order by created_at desc limit 1`,
      );
      const lastMillis = last?.created_at ? Number(last.created_at) : -1;
      let applied = 0;
      for (const migration of this.migrations) {
        if (migration.folderMillis <= lastMillis) continue;
        for (const statement of migration.sql) {
          const text = statement.replaceAll('"public".', `"${schema}".`).trim();
          if (text) await tx.unsafe(text);
        }
        await tx.unsafe(`insert into "${schema}"."__drizzle_migrations" (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
        applied++;
      }
      return applied;
    }) as Promise<number>;
  }

  /** The schema's rows per table (without the migration log), then the schema dropped: one transaction. */
  async drop(sql: Sql, schema: string): Promise<Record<string, number>> {
    return sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`member-host:${schema}`}))`;
      const tables = await tx<{ table_name: string }[]>`
        select table_name from information_schema.tables
        where table_schema = ${schema} and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations'
        order by table_name`;
      const rows: Record<string, number> = {};
      for (const { table_name: table } of tables) {
        const [counted] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from "${schema}"."${table.replaceAll('"', '""')}"`);
        rows[table] = Number(counted?.n ?? 0);
      }
      await tx.unsafe(`drop schema if exists "${schema}" cascade`);
      return rows;
    }) as Promise<Record<string, number>>;
  }
}
