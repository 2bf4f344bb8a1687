import { sql, type SQL } from 'drizzle-orm';
import type { MemberDatabase } from '../db/database.ts';
import type { ExportedTable } from './tables.ts';

type Executor = Pick<MemberDatabase, 'execute'>;

/** Rows of a raw statement, whichever driver answered (postgres.js: an array; PGlite: { rows }). */
export async function queryRows<T>(db: Executor, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Each row of the table as JSON text, in primary-key order. */
export async function tableRowsAsJson(db: Executor, table: ExportedTable): Promise<string[]> {
  const order = sql.join(
    table.orderBy.map((column) => sql`t.${sql.identifier(column)}`),
    sql`, `,
  );
  const rows = await queryRows<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${sql.identifier(table.name)} t order by ${order}`);
  return rows.map((r) => r.j);
}

export async function countRows(db: Executor, tableName: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from ${sql.identifier(tableName)}`);
  return Number(row?.n ?? 0);
}
