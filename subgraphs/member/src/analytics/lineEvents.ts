import { sql, type SQL } from 'drizzle-orm';
import type { MemberDatabase } from '../db/database.ts';

/**
 * Read access to the live line events (`line_events`, owned by the live-status work) for
 * the analytics. The analytics must run on members whose database has no such table yet
 * (or an older shape of it), so the table and its optional columns are probed once per
 * run and every reader degrades to "no events" instead of failing.
 */
export interface LineEventsSource {
  /** False when the table does not exist: live status share is 0 and the evidence says why. */
  readonly available: boolean;
  /** True when the table records when an event was received (latency = received − at). */
  readonly hasReceivedAt: boolean;
  readonly hasCycleTime: boolean;
  /** Lines that reported at least one event in [since, until). */
  linesReporting(since: Date, until: Date): Promise<Set<string>>;
  /** Seconds between an event's `at` and its receipt, for events in [since, until). */
  latencies(since: Date, until: Date, limit?: number): Promise<number[]>;
  /** Cycle times reported by events in [since, until), oldest first. */
  cycleTimes(since: Date, until: Date, lineId?: string | null): Promise<Array<{ lineId: string; at: Date; seconds: number }>>;
  /** State changes of lines in [since, until), ordered per line (seq when present, else at). */
  states(since: Date, until: Date, lineId?: string | null): Promise<Array<{ lineId: string; at: Date; state: string }>>;
}

type Row = Record<string, unknown>;

/** drizzle's execute() answers postgres.js rows as an array and PGlite's as `{ rows }`. */
function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

async function query(db: MemberDatabase, statement: SQL): Promise<Row[]> {
  return rowsOf(await db.execute(statement));
}

const toDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

const NO_EVENTS: LineEventsSource = {
  available: false,
  hasReceivedAt: false,
  hasCycleTime: false,
  linesReporting: async () => new Set(),
  latencies: async () => [],
  cycleTimes: async () => [],
  states: async () => [],
};

/** Probes `line_events` and its columns; NO_EVENTS when the table is missing or lacks line_id/at. */
export async function openLineEvents(db: MemberDatabase): Promise<LineEventsSource> {
  const columns = new Set(
    (await query(db, sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'line_events'`)).map((r) =>
      String(r['column_name']),
    ),
  );
  if (!columns.has('line_id') || !columns.has('at')) return NO_EVENTS;
  const hasReceivedAt = columns.has('received_at');
  const hasCycleTime = columns.has('cycle_time_seconds');
  const hasState = columns.has('state');
  const order = columns.has('seq') ? sql`line_id, seq` : sql`line_id, at`;
  return {
    available: true,
    hasReceivedAt,
    hasCycleTime,
    async linesReporting(since, until) {
      const rows = await query(
        db,
        sql`select distinct line_id from line_events where at >= ${since.toISOString()}::timestamptz and at < ${until.toISOString()}::timestamptz`,
      );
      return new Set(rows.map((r) => String(r['line_id'])));
    },
    async latencies(since, until, limit = 20_000) {
      if (!hasReceivedAt) return [];
      const rows = await query(
        db,
        sql`select extract(epoch from (received_at - at))::float8 as latency from line_events
            where at >= ${since.toISOString()}::timestamptz and at < ${until.toISOString()}::timestamptz and received_at is not null
            order by at desc limit ${limit}`,
      );
      return rows.map((r) => Math.max(0, Number(r['latency'])));
    },
    async cycleTimes(since, until, lineId) {
      if (!hasCycleTime) return [];
      const rows = await query(
        db,
        sql`select line_id, at, cycle_time_seconds from line_events
            where cycle_time_seconds is not null and cycle_time_seconds > 0
              and at >= ${since.toISOString()}::timestamptz and at < ${until.toISOString()}::timestamptz
              ${lineId ? sql`and line_id = ${lineId}` : sql``}
            order by at`,
      );
      return rows.map((r) => ({ lineId: String(r['line_id']), at: toDate(r['at']), seconds: Number(r['cycle_time_seconds']) }));
    },
    async states(since, until, lineId) {
      if (!hasState) return [];
      const rows = await query(
        db,
        sql`select line_id, at, state::text as state from line_events
            where at >= ${since.toISOString()}::timestamptz and at < ${until.toISOString()}::timestamptz
              ${lineId ? sql`and line_id = ${lineId}` : sql``}
            order by ${order}`,
      );
      return rows.map((r) => ({ lineId: String(r['line_id']), at: toDate(r['at']), state: String(r['state']) }));
    },
  };
}

/**
 * Minutes each line spent DOWN within [start, end), from its state changes. A state holds
 * from its event until the line's next event; the state before `start` is taken from the
 * last event before it, which the caller includes by reading from earlier (`lookbackMs`).
 */
export function downMinutesByLine(events: ReadonlyArray<{ lineId: string; at: Date; state: string }>, start: Date, end: Date): Map<string, number> {
  const byLine = new Map<string, Array<{ at: Date; state: string }>>();
  for (const e of events) {
    let list = byLine.get(e.lineId);
    if (!list) byLine.set(e.lineId, (list = []));
    list.push(e);
  }
  const result = new Map<string, number>();
  for (const [lineId, list] of byLine) {
    let minutes = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (e.state !== 'DOWN') continue;
      const from = Math.max(e.at.getTime(), start.getTime());
      const until = Math.min(list[i + 1]?.at.getTime() ?? end.getTime(), end.getTime());
      if (until > from) minutes += (until - from) / 60_000;
    }
    result.set(lineId, minutes);
  }
  return result;
}
