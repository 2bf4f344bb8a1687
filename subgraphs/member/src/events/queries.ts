import { and, asc, desc, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import { lineEvents } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { LineEvent } from './types.ts';

export interface LineEventQuery {
  lineIds?: readonly string[] | null | undefined;
  from?: Date | null | undefined;
  to?: Date | null | undefined;
  afterSeq?: number | null | undefined;
  limit: number;
}

/** Stored events, oldest first by seq (Query.lineEvents). */
export function queryLineEvents(db: MemberDatabase, q: LineEventQuery): Promise<LineEvent[]> {
  const conditions = [];
  if (q.lineIds) conditions.push(inArray(lineEvents.lineId, [...q.lineIds]));
  if (q.from) conditions.push(gte(lineEvents.at, q.from));
  if (q.to) conditions.push(lt(lineEvents.at, q.to));
  if (q.afterSeq !== null && q.afterSeq !== undefined) conditions.push(gt(lineEvents.seq, q.afterSeq));
  return db
    .select()
    .from(lineEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(lineEvents.seq))
    .limit(q.limit);
}

/** A line's latest events, newest first (Line.recentEvents). */
export function recentLineEvents(db: MemberDatabase, lineId: string, limit: number): Promise<LineEvent[]> {
  return db.select().from(lineEvents).where(eq(lineEvents.lineId, lineId)).orderBy(desc(lineEvents.seq)).limit(limit);
}
