import type { Sql, TransactionSql } from 'postgres';

/**
 * A postgres.js look-alike for drizzle that runs every statement of ONE firm in that firm's
 * PostgreSQL schema, on the host's single shared pool.
 *
 * Why a transaction per statement: with a shared pool, a connection that last served firm A
 * may serve firm B next. A session-level `SET search_path` would have to be undone perfectly
 * on every path (errors, cancellations, a connection dropped half-way); `SET LOCAL` inside the
 * statement's own transaction is undone by PostgreSQL itself at COMMIT or ROLLBACK, so a
 * connection goes back to the pool on the host's neutral search_path (member_host, which holds
 * no firm data) whatever happened. The pool prepares no named statements (postgresFirms.ts:
 * `prepare: false`): PostgreSQL does re-parse a cached statement whose search_path changed, but
 * keeps the parameter types it inferred the first time, so a statement first prepared for firm
 * A would bind firm A's enum types against firm B's columns. The SET and the statement are
 * pipelined: one extra round trip for BEGIN, one for COMMIT.
 */
export function schemaScopedClient(shared: Sql, schema: string): unknown {
  const setPath = `set local search_path to "${schema}"`;
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);

  const scoped = async <T>(fn: (tx: TransactionSql) => T | Promise<T>): Promise<T> =>
    shared.begin(async (tx) => {
      await tx.unsafe(setPath);
      return fn(tx);
    }) as Promise<T>;

  return {
    // drizzle's constructor sets the type parsers on the client's options: the shared pool's.
    options: shared.options,
    unsafe(query: string, params?: unknown[], options?: { prepare?: boolean }) {
      let asValues = false;
      let running: Promise<unknown> | null = null;
      const run = () =>
        (running ??= (
          shared.begin((tx) => {
            const statement = tx.unsafe(query, params as never[], options);
            return [tx.unsafe(setPath), asValues ? statement.values() : statement];
          }) as Promise<unknown[]>
        ).then((results) => results[1]));
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
    begin(optionsOrFn: string | ((tx: TransactionSql) => unknown), maybeFn?: (tx: TransactionSql) => unknown) {
      const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn!;
      if (typeof optionsOrFn === 'string' && optionsOrFn.trim() !== '') {
        return shared.begin(optionsOrFn, async (tx) => {
          await tx.unsafe(setPath);
          return fn(tx);
        });
      }
      return scoped(fn);
    },
  };
}
