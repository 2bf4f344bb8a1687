import { asc, eq, inArray } from 'drizzle-orm';
import { lines, productionRecords, type LineRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import { prepared } from './prepared.ts';

export function listLines(db: MemberDatabase): Promise<LineRow[]> {
  return prepared(db, 'member_list_lines', (d) => d.select().from(lines).orderBy(asc(lines.id)).prepare('member_list_lines')).execute();
}

export async function findLine(db: MemberDatabase, id: string): Promise<LineRow | null> {
  const [row] = await db.select().from(lines).where(eq(lines.id, id));
  return row ?? null;
}

/** Which of `ids` name existing lines (for validating references before writing). */
export async function existingLineIds(db: MemberDatabase, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: lines.id })
    .from(lines)
    .where(inArray(lines.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}

export async function lineHasProduction(db: MemberDatabase, id: string): Promise<boolean> {
  const [row] = await db.select({ id: productionRecords.id }).from(productionRecords).where(eq(productionRecords.lineId, id)).limit(1);
  return row !== undefined;
}
