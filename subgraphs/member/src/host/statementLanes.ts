import type { ReservedSql, Sql } from 'postgres';

interface Lane {
  sql: ReservedSql;
  /** Units queued or running on it. */
  units: number;
}

const connectionLost = (error: unknown) => /^CONNECTION_/.test(String((error as { code?: unknown })?.code ?? ''));

/**
 * A few connections of the host's pool, reserved for good, on which firms' statements are
 * pipelined as self-contained units (BEGIN; SET LOCAL …; statement; COMMIT): each unit is sent
 * whole, in order, so units of different firms follow one another on a connection without ever
 * sharing a transaction, and a busy host keeps several units in flight per connection instead
 * of waiting a round trip for each (what postgres.js does for a member's own pool). The rest of
 * the pool serves transactions (drizzle's `db.transaction`) and the host's own tables.
 */
export class StatementLanes {
  private readonly lanes: Lane[] = [];
  private opening: Promise<Lane> | null = null;
  private closed = false;

  constructor(
    private readonly pool: Sql,
    private readonly size: number,
  ) {}

  /** Runs `unit` on a lane; it must issue all its queries synchronously (one after the other, no await in between). */
  async run<T>(unit: (sql: ReservedSql) => Promise<T>): Promise<T> {
    const lane = await this.pick();
    lane.units++;
    try {
      return await unit(lane.sql);
    } catch (error) {
      if (connectionLost(error)) this.drop(lane);
      throw error;
    } finally {
      lane.units--;
    }
  }

  private async pick(): Promise<Lane> {
    if (this.closed) throw new Error('the member host database is closed');
    const idle = this.lanes.find((lane) => lane.units === 0);
    if (idle) return idle;
    if (this.lanes.length < this.size && !this.opening) {
      this.opening = this.pool.reserve().then((sql) => {
        const lane = { sql, units: 0 };
        this.lanes.push(lane);
        return lane;
      });
      try {
        return await this.opening;
      } finally {
        this.opening = null;
      }
    }
    if (this.lanes.length === 0) return this.opening ?? this.pick();
    return this.lanes.reduce((least, lane) => (lane.units < least.units ? lane : least));
  }

  private drop(lane: Lane): void {
    const index = this.lanes.indexOf(lane);
    if (index >= 0) this.lanes.splice(index, 1);
    lane.sql.release();
  }

  close(): void {
    this.closed = true;
    for (const lane of this.lanes.splice(0)) lane.sql.release();
  }
}
