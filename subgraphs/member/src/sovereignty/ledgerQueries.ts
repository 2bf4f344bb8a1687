import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { dataUsage, type DataCategoryName, type DataUsageRow } from '../db/sovereignty.ts';
import type { MemberDatabase } from '../db/database.ts';

export interface LedgerFilter {
  from?: Date | null | undefined;
  to?: Date | null | undefined;
  readerId?: string | null | undefined;
  category?: DataCategoryName | null | undefined;
}

/** One answer holds at most this many ledger rows (the CSV too); narrow the range for more. */
export const MAX_LEDGER_ROWS = 50_000;

function where(filter: LedgerFilter) {
  return and(
    filter.from ? gte(dataUsage.at, filter.from) : undefined,
    filter.to ? lt(dataUsage.at, filter.to) : undefined,
    filter.readerId ? eq(dataUsage.readerMemberId, filter.readerId) : undefined,
    filter.category ? eq(dataUsage.category, filter.category) : undefined,
  );
}

/** Ledger rows, newest first; `from` inclusive, `to` exclusive. */
export function readDataUsage(db: MemberDatabase, filter: LedgerFilter): Promise<DataUsageRow[]> {
  return db.select().from(dataUsage).where(where(filter)).orderBy(desc(dataUsage.at), desc(dataUsage.id)).limit(MAX_LEDGER_ROWS);
}

export interface DataUsageSummaryRow {
  readerMemberId: string;
  category: DataCategoryName;
  allowedRecords: number;
  deniedRecords: number;
  allowedReads: number;
  deniedReads: number;
  lastReadAt: Date;
}

/** Records read per reader per category, allowed and denied. */
export async function summariseDataUsage(db: MemberDatabase, filter: LedgerFilter): Promise<DataUsageSummaryRow[]> {
  const rows = await db
    .select({
      readerMemberId: dataUsage.readerMemberId,
      category: dataUsage.category,
      allowedRecords: sql<number>`coalesce(sum(${dataUsage.records}) filter (where ${dataUsage.allowed}), 0)::int`,
      deniedRecords: sql<number>`coalesce(sum(${dataUsage.records}) filter (where not ${dataUsage.allowed}), 0)::int`,
      allowedReads: sql<number>`(count(*) filter (where ${dataUsage.allowed}))::int`,
      deniedReads: sql<number>`(count(*) filter (where not ${dataUsage.allowed}))::int`,
      lastReadAt: sql<Date>`max(${dataUsage.at})`,
    })
    .from(dataUsage)
    .where(where(filter))
    .groupBy(dataUsage.readerMemberId, dataUsage.category)
    .orderBy(dataUsage.readerMemberId, dataUsage.category);
  return rows.map((r) => ({
    ...r,
    allowedRecords: Number(r.allowedRecords),
    deniedRecords: Number(r.deniedRecords),
    allowedReads: Number(r.allowedReads),
    deniedReads: Number(r.deniedReads),
    lastReadAt: r.lastReadAt instanceof Date ? r.lastReadAt : new Date(String(r.lastReadAt)),
  }));
}

const CSV_COLUMNS = ['at', 'readerMemberId', 'readerUserId', 'category', 'purpose', 'operationName', 'records', 'allowed', 'policyId', 'granularity'] as const;

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a reader-chosen operation name. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function ledgerCsv(rows: readonly DataUsageRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
