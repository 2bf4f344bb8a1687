import type { ReservedSql, Sql } from 'postgres';

interface Lane {
  sql: ReservedSql;
  /** Units queued or running on it. */
  units: number;
  /**
   * The session search_path the connection has once everything sent on it so far has run
   * (null: not known to be any firm's — the pool's default, the host's schema, or after a SET
   * that failed), set by a session-level SET sent ahead of a unit of another firm.
   */
  path: string | null;
  /** That SET: a statement sent while `path` holds has run under it only if this succeeded. */
  pathSet: Promise<unknown> | null;
}

/** A postgres.js query: sent when executed (or first awaited). */
type Sendable<T> = PromiseLike<T> & { execute(): unknown };

/**
 * Sends the queries of one unit now, in this order. postgres.js sends a query when it is first
 * awaited, a microtask later — and Promise.allSettled awaits its members one more microtask
 * later than a direct `then`: a unit must never leave the order of its queries to that, or
 * another unit's SET could slip between its SET and its statement.
 */
function sendInOrder(...queries: Array<{ execute(): unknown }>): void {
  for (const query of queries) query.execute();
}

const connectionLost = (error: unknown) => /^CONNECTION_/.test(String((error as { code?: unknown })?.code ?? ''));

/**
 * A few connections of the host's pool, reserved for good, on which firms' single statements
 * are pipelined: each unit is sent whole, in order, so units of different firms follow one
 * another on a connection without ever sharing a transaction, and a busy host keeps several
 * units in flight per connection instead of waiting a round trip for each (what postgres.js
 * does for a member's own pool). The rest of the pool serves transactions (drizzle's
 * `db.transaction`) and the host's own tables. Two kinds of unit (schemaScopedClient.ts):
 * - `runInTransaction`: BEGIN; SET LOCAL search_path …; statement; COMMIT — for anything
 *   that may write, on a lane whose session path is the same firm's. A failed SET LOCAL aborts
 *   the statement; COMMIT ends the SET LOCAL, leaving the session path (the same firm's).
 * - `runRead`: a plain read under the lane's session search_path. When the lane's path is
 *   another firm's (or unknown), `SET search_path TO <firm>` is sent ahead of the statement in
 *   the same pipeline, and the statement's answer is used only if that SET succeeded (a read
 *   that ran under another path is thrown away, never returned). Lanes already on the firm's
 *   path are preferred, so a firm's reads usually go out as the statement alone: one
 *   protocol exchange instead of four, and PostgreSQL re-plans a prepared statement only when
 *   the path really changed.
 */
export class StatementLanes {
  private readonly lanes: Lane[] = [];
  private opening: Promise<Lane> | null = null;
  private closed = false;

  constructor(
    private readonly pool: Sql,
    private readonly size: number,
  ) {}

  /**
   * Runs a statement that may write, as BEGIN; SET LOCAL search_path TO `path`; statement;
   * COMMIT, on a lane whose session path is this firm's too (set ahead when it was another's):
   * were BEGIN ever to fail, SET LOCAL would do nothing and the statement would run under the
   * session path — this firm's, never another's. `statement` must issue its one query synchronously.
   */
  runInTransaction<T>(path: string, statement: (sql: ReservedSql) => Sendable<T>): Promise<T> {
    const setLocal = `set local search_path to ${path}`;
    return this.run(path, async (lane) => {
      const connection = lane.sql;
      this.sessionPath(lane, path);
      // Sent whole and in order; COMMIT after a failed statement is PostgreSQL's ROLLBACK.
      const queries = [connection.unsafe('begin'), connection.unsafe(setLocal), statement(connection), connection.unsafe('commit')] as const;
      sendInOrder(...queries);
      const settled = await Promise.allSettled(queries);
      const failed = settled[2].status === 'rejected' ? settled[2] : settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return (settled[2] as PromiseFulfilledResult<T>).value;
    });
  }

  /**
   * Runs a plain read (no side effect, no SET, one statement) under the session search_path
   * `path`; `statement` must issue its one query synchronously.
   */
  runRead<T>(path: string, statement: (sql: ReservedSql) => Sendable<T>): Promise<T> {
    return this.run(path, async (lane) => {
      const pathSet = this.sessionPath(lane, path);
      const query = statement(lane.sql);
      sendInOrder(query);
      const settled = await Promise.allSettled([pathSet, query]);
      // The statement may have run under whatever path the connection had before: its answer is not this firm's.
      if (settled[0].status === 'rejected') throw settled[0].reason;
      if (settled[1].status === 'rejected') throw settled[1].reason;
      return settled[1].value;
    });
  }

  /**
   * The SET that gives the lane's connection the session path `path`: sent now, ahead of what the
   * caller sends next, when the lane is on another path (or an unknown one). A failed SET leaves
   * the lane's path unknown, so the next unit sets it again.
   */
  private sessionPath(lane: Lane, path: string): Promise<unknown> {
    if (lane.path === path && lane.pathSet) return lane.pathSet;
    const set = lane.sql.unsafe(`set search_path to ${path}`);
    lane.path = path;
    lane.pathSet = set;
    // Sent now: ahead of the caller's statement, and of any unit that uses this lane after it.
    sendInOrder(set);
    set.then(undefined, () => {
      if (lane.pathSet === set) {
        lane.path = null;
        lane.pathSet = null;
      }
    });
    return set;
  }

  private async run<T>(path: string | null, unit: (lane: Lane) => Promise<T>): Promise<T> {
    const lane = await this.pick(path);
    lane.units++;
    try {
      return await unit(lane);
    } catch (error) {
      if (connectionLost(error)) this.drop(lane);
      throw error;
    } finally {
      lane.units--;
    }
  }

  /** An idle lane on `path`, else any idle lane, else a new one, else the least busy (on `path` when that costs at most one unit more). */
  private async pick(path: string | null): Promise<Lane> {
    if (this.closed) throw new Error('the member host database is closed');
    let idle: Lane | undefined;
    for (const lane of this.lanes) {
      if (lane.units !== 0) continue;
      if (path !== null && lane.path === path) return lane;
      idle ??= lane;
    }
    if (idle) return idle;
    if (this.lanes.length < this.size && !this.opening) {
      this.opening = this.pool.reserve().then((sql) => {
        const lane: Lane = { sql, units: 0, path: null, pathSet: null };
        this.lanes.push(lane);
        return lane;
      });
      try {
        return await this.opening;
      } finally {
        this.opening = null;
      }
    }
    if (this.lanes.length === 0) return this.opening ?? this.pick(path);
    const least = this.lanes.reduce((best, lane) => (lane.units < best.units ? lane : best));
    if (path === null) return least;
    const onPath = this.lanes.filter((lane) => lane.path === path).reduce<Lane | null>((best, lane) => (!best || lane.units < best.units ? lane : best), null);
    return onPath && onPath.units <= least.units + 1 ? onPath : least;
  }

  private drop(lane: Lane): void {
    const index = this.lanes.indexOf(lane);
    if (index < 0) return;
    this.lanes.splice(index, 1);
    // Lost: postgres.js will not reuse it as it was; a new lane starts with no firm's path.
    lane.sql.release();
  }

  close(): void {
    this.closed = true;
    for (const lane of this.lanes.splice(0)) lane.sql.release();
  }
}
