import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import {
  allocations,
  anomalyAcknowledgements,
  capabilities,
  capacityWeeks,
  dataUsage,
  idempotentWrites,
  insightBaselines,
  lineEventCounter,
  lineEvents,
  lines,
  memberProfile,
  memberSchema,
  memberTransfer,
  productionRecords,
  selfAssessments,
  sharingPolicies,
} from '../db/schema.ts';

/** A table of the firm's data as the archive carries it. */
export interface ExportedTable {
  /** The PostgreSQL table name (the archive's `table` field). */
  name: string;
  /** Primary key columns: rows are written in this order, so two exports of the same data are the same bytes. */
  orderBy: string[];
  /** A serial id column whose sequence must continue after the imported rows. */
  serialColumn?: string;
}

const table = (t: PgTable, orderBy: string[], serialColumn?: string): ExportedTable => ({
  name: getTableName(t),
  orderBy,
  ...(serialColumn ? { serialColumn } : {}),
});

/**
 * Everything the firm owns, in the order the import loads it (a row's foreign keys point to
 * tables loaded before it: production records after lines).
 */
export const EXPORTED_TABLES: readonly ExportedTable[] = [
  table(memberProfile, ['id']),
  table(lines, ['id']),
  table(capabilities, ['id'], 'id'),
  table(capacityWeeks, ['process', 'week_start']),
  table(productionRecords, ['id'], 'id'),
  table(allocations, ['id']),
  table(sharingPolicies, ['id']),
  table(dataUsage, ['id'], 'id'),
  table(selfAssessments, ['id'], 'id'),
  table(anomalyAcknowledgements, ['anomaly_id']),
  table(insightBaselines, ['programme_id', 'baseline_from', 'baseline_to']),
  table(lineEventCounter, ['id']),
  table(lineEvents, ['seq']),
];

/**
 * Tables that are not the firm's data and stay with the server: stored answers for write
 * retries (a user's Idempotency-Key means nothing on another server, and they expire within a
 * day), and the server's own transfer state.
 */
export const SERVER_TABLES: readonly string[] = [getTableName(idempotentWrites), getTableName(memberTransfer)];

/** Every table of the member's drizzle schema (enums aside): the test checks each is exported or named a server table. */
export function allMemberTables(): string[] {
  return (Object.values(memberSchema) as unknown[]).flatMap((value) => (is(value, PgTable) ? [getTableName(value)] : []));
}
