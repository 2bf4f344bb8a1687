import type { Sql, TransactionSql } from 'postgres';
import type { StatementLanes } from './statementLanes.ts';

/** The schema holding the member standard's enum types, shared by every hosted firm (firmMigrations.ts). */
export const SHARED_TYPES_SCHEMA = 'member_types';

/** A hosted firm's search_path: its own tables, then the shared enum types; never another firm's schema, never public. */
export function firmSearchPath(schema: string): string {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  return `"${schema}", "${SHARED_TYPES_SCHEMA}"`;
}

/**
 * A postgres.js look-alike for drizzle that runs every statement of ONE firm in that firm's
 * PostgreSQL schema, on the host's single shared pool.
 *
 * With a shared pool, a connection that last served firm A may serve firm B next. A statement
 * therefore never relies on a connection's state: it runs on a reserved connection (a lane,
 * statementLanes.ts) as the pipeline BEGIN; SET LOCAL search_path; <statement>; COMMIT, and PostgreSQL
 * itself undoes the SET at COMMIT (or at the ROLLBACK an aborted transaction's COMMIT becomes),
 * so the connection goes back to the pool on the host's neutral search_path (member_host, no
 * firm data) whatever happened. A failed SET aborts the transaction, so the statement cannot
 * run anywhere else. postgres.js's prepared statements are shared between firms safely:
 * PostgreSQL re-analyses a cached statement when search_path has changed since its last use,
 * and its parameter and result types are the same for every firm because the enum types are
 * one set, in member_types (firmMigrations.ts).
 */
export function schemaScopedClient(shared: Sql, lanes: StatementLanes, schema: string): unknown {
  const setPath = `set local search_path to ${firmSearchPath(schema)}`;

  const inFirm = async <T>(fn: (tx: TransactionSql) => T | Promise<T>, options = ''): Promise<T> =>
    shared.begin(options, async (tx) => {
      await tx.unsafe(setPath);
      return fn(tx);
    }) as Promise<T>;

  const pipelined = (query: string, params: unknown[] | undefined, options: { prepare?: boolean } | undefined, asValues: boolean) =>
    lanes.run(async (connection) => {
      const statement = connection.unsafe(query, params as never[], options);
      // Sent whole and in order; COMMIT after a failed statement is PostgreSQL's ROLLBACK.
      const settled = await Promise.allSettled([
        connection.unsafe('begin'),
        connection.unsafe(setPath),
        asValues ? statement.values() : statement,
        connection.unsafe('commit'),
      ]);
      const failed = settled[2].status === 'rejected' ? settled[2] : settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return (settled[2] as PromiseFulfilledResult<unknown>).value;
    });

  return {
    // drizzle's constructor sets the type parsers on the client's options: the shared pool's.
    options: shared.options,
    unsafe(query: string, params?: unknown[], options?: { prepare?: boolean }) {
      let asValues = false;
      let running: Promise<unknown> | null = null;
      const run = () => (running ??= pipelined(query, params, options, asValues));
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
