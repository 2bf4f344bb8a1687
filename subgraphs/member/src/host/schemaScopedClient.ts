import type { ReservedSql, Sql, TransactionSql } from 'postgres';
import type { StatementLanes } from './statementLanes.ts';

/** The schema holding the member standard's enum types, shared by every hosted firm (firmMigrations.ts). */
export const SHARED_TYPES_SCHEMA = 'member_types';

/** A hosted firm's search_path: its own tables, then the shared enum types; never another firm's schema, never public. */
export function firmSearchPath(schema: string): string {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  return `"${schema}", "${SHARED_TYPES_SCHEMA}"`;
}

/**
 * A plain read: one SELECT that cannot write or change the session (no data-modifying CTE — a
 * WITH is not a SELECT here —, no locking clause, no SELECT … INTO, no call that sets or locks,
 * no second statement, no call of the standard's writing functions such as `store_line_events`).
 * Anything else is run as a transaction with SET LOCAL (statementLanes.ts).
 */
export function isPlainRead(query: string): boolean {
  return (
    /^\s*select\s/i.test(query) &&
    !query.includes(';') &&
    !/\b(into|for\s+(update|share|no\s+key\s+update|key\s+share)|set_config|search_path|nextval|setval|pg_advisory\w*|pg_try_advisory\w*|pg_notify|dblink\w*|lo_\w+|store_line_events)\b/i.test(
      query,
    )
  );
}

/**
 * A postgres.js look-alike for drizzle that runs every statement of ONE firm in that firm's
 * PostgreSQL schema, on the host's single shared pool.
 *
 * With a shared pool, a connection that last served firm A may serve firm B next. A single
 * statement therefore runs on a reserved connection (a lane, statementLanes.ts) where the lane
 * decides the search_path: a plain read (isPlainRead) under the lane's session search_path,
 * set to this firm's ahead of it in the same pipeline when the lane was on another's, its
 * answer used only if that SET succeeded; anything else as the pipeline BEGIN; SET LOCAL
 * search_path; <statement>; COMMIT, where PostgreSQL itself undoes the SET at COMMIT (or at the
 * ROLLBACK an aborted transaction's COMMIT becomes) and a failed SET aborts the statement.
 * Transactions (drizzle's `db.transaction`) run on the pool's other connections with the SET
 * LOCAL first; those connections keep the host's neutral search_path (member_host, no firm
 * data). postgres.js's prepared statements are shared between firms safely: PostgreSQL
 * re-analyses a cached statement when search_path has changed since its last use, and its
 * parameter and result types are the same for every firm because the enum types are one set,
 * in member_types (firmMigrations.ts).
 */
export function schemaScopedClient(shared: Sql, lanes: StatementLanes, schema: string): unknown {
  const path = firmSearchPath(schema);
  const setPath = `set local search_path to ${path}`;

  const inFirm = async <T>(fn: (tx: TransactionSql) => T | Promise<T>, options = ''): Promise<T> =>
    shared.begin(options, async (tx) => {
      await tx.unsafe(setPath);
      return fn(tx);
    }) as Promise<T>;

  const single = (query: string, params: unknown[] | undefined, options: { prepare?: boolean } | undefined, asValues: boolean) => {
    const statement = (connection: ReservedSql) => {
      const pending = connection.unsafe(query, params as never[], options);
      return asValues ? pending.values() : pending;
    };
    return isPlainRead(query) ? lanes.runRead(path, statement) : lanes.runInTransaction(path, statement);
  };

  return {
    // drizzle's constructor sets the type parsers on the client's options: the shared pool's.
    options: shared.options,
    unsafe(query: string, params?: unknown[], options?: { prepare?: boolean }) {
      let asValues = false;
      let running: Promise<unknown> | null = null;
      const run = () => (running ??= single(query, params, options, asValues));
      const pending = {
        values() {
          asValues = true;
          return pending;
        },
        then<A, B>(onFulfilled?: (value: unknown) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
          return run().then(onFulfilled, onRejected);
        },
        catch<B>(onRejected: (reason: unknown) => B | PromiseLike<B>) {
          return run().catch(onRejected);
        },
        finally(onFinally: () => void) {
          return run().finally(onFinally);
        },
      };
      return pending;
    },
    // drizzle's transactions: the SET LOCAL first, then its statements on the transaction's connection.
    begin(optionsOrFn: string | ((tx: TransactionSql) => unknown), maybeFn?: (tx: TransactionSql) => unknown) {
      return typeof optionsOrFn === 'function' ? inFirm(optionsOrFn) : inFirm(maybeFn!, optionsOrFn);
    },
  };
}
