import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Sql, TransactionSql } from 'postgres';
import { SHARED_TYPES_SCHEMA, firmSearchPath } from './schemaScopedClient.ts';

/**
 * The member standard's migrations (subgraphs/member/drizzle, the very files a firm's own
 * server applies) applied to one firm's schema on the host's PostgreSQL, with the firm's schema
 * and the shared types on the search_path. Tables, indexes and constraints go to the firm's
 * schema (drizzle-kit's `"public".<name>` names it). Enum types are one set for every firm, in
 * member_types: created once, extended with `ADD VALUE IF NOT EXISTS` — so a statement's
 * parameter types are the same whichever firm prepared it (schemaScopedClient.ts). Any other
 * change to a type would change it for every firm at once and is refused. The firm's applied
 * migrations are recorded in its own `__drizzle_migrations`: a host upgrade migrates each firm
 * when it is next opened.
 */
export class FirmMigrations {
  private readonly migrations: MigrationMeta[];

  constructor(migrationsFolder: string) {
    this.migrations = readMigrationFiles({ migrationsFolder });
  }

  /** One migration statement as the host runs it for `schema`. */
  static rewrite(statement: string, schema: string): string {
    const text = statement.trim().replace(/;\s*$/, '');
    const types = `"${SHARED_TYPES_SCHEMA}".`;
    if (/^CREATE TYPE "public"\./i.test(text)) {
      // Another firm created it already: the same standard, the same values.
      return `DO $$ BEGIN ${text.replace('"public".', types)}; EXCEPTION WHEN duplicate_object THEN null; END $$`;
    }
    if (/^ALTER TYPE "public"\./i.test(text)) {
      if (!/ ADD VALUE '/i.test(text)) throw new Error(`the member host shares enum types between firms and cannot apply this per firm: ${text.slice(0, 160)}`);
      return text.replace('"public".', types).replace(/ ADD VALUE '/i, " ADD VALUE IF NOT EXISTS '");
    }
    if (/^DROP TYPE/i.test(text)) throw new Error(`the member host shares enum types between firms and cannot apply this per firm: ${text.slice(0, 160)}`);
    return text.replaceAll('"public".', `"${schema}".`);
  }

  /** Creates the schema if needed and applies what it lacks (one firm at a time: the types are shared). */
  async apply(sql: Sql, schema: string): Promise<number> {
    const pending = async (tx: TransactionSql | Sql) => {
      const [exists] = await tx`select 1 from information_schema.tables where table_schema = ${schema} and table_name = '__drizzle_migrations'`;
      if (!exists) return this.migrations;
      const [last] = await tx.unsafe<{ created_at: string | null }[]>(`select max(created_at)::text as created_at from "${schema}"."__drizzle_migrations"`);
      const lastMillis = last?.created_at ? Number(last.created_at) : -1;
      return this.migrations.filter((m) => m.folderMillis > lastMillis);
    };
    // The common case (the firm is up to date) takes no lock.
    if ((await pending(sql)).length === 0) return 0;
    return sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('member-host:migrations'))`;
      const todo = await pending(tx);
      if (todo.length === 0) return 0;
      await tx.unsafe(`create schema if not exists "${SHARED_TYPES_SCHEMA}"`);
      await tx.unsafe(`create schema if not exists "${schema}"`);
      await tx.unsafe(`set local search_path to ${firmSearchPath(schema)}`);
      await tx.unsafe(`create table if not exists "${schema}"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)`);
      for (const migration of todo) {
        for (const statement of migration.sql) if (statement.trim()) await tx.unsafe(FirmMigrations.rewrite(statement, schema));
        await tx.unsafe(`insert into "${schema}"."__drizzle_migrations" (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
      }
      return todo.length;
    }) as Promise<number>;
  }

  /** The schema's rows per table (without the migration log), then the schema dropped: one transaction. */
  async drop(sql: Sql, schema: string): Promise<Record<string, number>> {
    return sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('member-host:migrations'))`;
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
