import type { Sql } from 'postgres';
import type { Logger } from '@clustergraph/runtime';

/**
 * What a firm's safety-net poll looks at: a fingerprint that changes whenever the rows do.
 * - `policies`: the sharing policies (row count and latest update), as PolicyChanges reads it;
 * - `transfer`: the transfer state row (state, since, last seq, reason), as TransferState reads it.
 */
export type WatchedKind = 'policies' | 'transfer';

const FINGERPRINT_SQL: Record<WatchedKind, (schema: string) => string> = {
  policies: (schema) => `select count(*)::text || '|' || coalesce(max(updated_at)::text, '') from "${schema}".sharing_policies`,
  transfer: (schema) =>
    `select coalesce(max(state::text || '|' || since::text || '|' || last_event_seq::text || '|' || coalesce(reason, '')), '') from "${schema}".member_transfer`,
};

/** Firms per statement: a 200-firm host reads its fingerprints in two statements of 100 scalar subqueries. */
const FIRMS_PER_STATEMENT = 100;

interface Watch {
  schema: string;
  kind: WatchedKind;
  /** The firm's own check (it reads its state again and acts if it changed). */
  check: () => void;
  /** The fingerprint last seen here; null until the first poll after the firm started watching. */
  seen: string | null;
}

/**
 * The safety-net polls of every open firm of a PostgreSQL member host as ONE statement per
 * round instead of one per firm and kind: each firm's PolicyChanges and TransferState poll
 * their own schema every few seconds for a NOTIFY lost while the LISTEN connection was
 * reconnecting; 200 open firms did 100 + 20 such statements a second. Here every watched
 * (firm, kind) is one scalar subquery of a UNION ALL over the firms' schemas (schema-qualified:
 * the host's own connection, no search_path), read every `intervalMs`; a firm whose fingerprint
 * moved gets its own check() called, which reads its state through its own client as before
 * and decides whether anything changed. A firm's first round calls its check too (a change
 * between its start and that round is not missed); a failed round calls every check in it,
 * so a broken statement never hides a change.
 */
export class FirmWatch {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly intervalMs = 2_000,
  ) {}

  /** Polls `kind` of the firm in `schema` (a plain schema name) until the returned function is called. */
  watch(schema: string, kind: WatchedKind, check: () => void): () => void {
    if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
    const watch: Watch = { schema, kind, check, seen: null };
    this.watches.add(watch);
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.watches.delete(watch);
    };
  }

  get size(): number {
    return this.watches.size;
  }

  /** One round over every watch (a round still running is not started twice). */
  poll(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const all = [...this.watches];
    for (let start = 0; start < all.length && !this.stopped; start += FIRMS_PER_STATEMENT) {
      const chunk = all.slice(start, start + FIRMS_PER_STATEMENT);
      const text = chunk.map((w, i) => `select ${i} as i, (${FINGERPRINT_SQL[w.kind](w.schema)}) as f`).join(' union all ');
      let rows: readonly { i: number; f: string | null }[];
      try {
        rows = await this.sql.unsafe<{ i: number; f: string | null }[]>(text);
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn({ err: error, watches: chunk.length }, 'firm fingerprints could not be read; each firm checks itself');
        for (const w of chunk) if (this.watches.has(w)) this.fire(w);
        continue;
      }
      for (const row of rows) {
        const w = chunk[Number(row.i)];
        if (!w || !this.watches.has(w)) continue;
        const fingerprint = row.f ?? '';
        if (w.seen === fingerprint) continue;
        w.seen = fingerprint;
        this.fire(w);
      }
    }
  }

  private fire(w: Watch): void {
    try {
      w.check();
    } catch (error) {
      this.logger.error({ err: error, schema: w.schema, kind: w.kind }, 'firm check failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.watches.clear();
  }
}
