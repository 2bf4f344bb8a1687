import type { Database, DatabaseHandle, Logger } from '@clustergraph/runtime';
import type { MemberSchema } from '../db/schema.ts';
import type { HostSchema } from './hostTables.ts';
import type { WatchedKind } from './firmWatch.ts';

/**
 * Where the hosted firms' data lives: one PostgreSQL schema per firm on one shared pool
 * (postgresFirms.ts), or one PGlite folder per firm (pgliteFirms.ts, the demo without a
 * database server). The host's own tables (hostTables.ts) are beside them, never in a firm's.
 */
export interface FirmDatabases {
  readonly driver: 'postgres' | 'pglite';
  /** The host's tables (hosted_firms, hosted_firm_deletions). */
  readonly host: Database<HostSchema>;
  /** The storage name recorded for a firm (`firm_<id>` schema, or `firms/<id>` folder). */
  storageOf(memberId: string): string;
  /** Creates the firm's schema or folder (idempotent); opening it applies the member migrations. */
  create(memberId: string): Promise<void>;
  /** Opens one firm's database, migrated; its close() releases only what this firm holds. */
  open(memberId: string, logger: Logger): Promise<DatabaseHandle<MemberSchema>>;
  /**
   * PostgreSQL: the firms' safety-net polls as one statement per round (firmWatch.ts) — calls
   * `check` when the firm's `kind` moved; returns what stops it. PGlite has no such poller (a
   * database per firm): its firms poll themselves.
   */
  watch?(memberId: string, kind: WatchedKind, check: () => void): () => void;
  /** Removes the firm's data (it must be closed first); the rows removed per table. */
  drop(memberId: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** `firm_<id>` with `-` as `_`: member ids are lower-case letters, digits and hyphens, so no two ids collide. */
export function firmSchemaName(memberId: string): string {
  return `firm_${memberId.replaceAll('-', '_')}`;
}
