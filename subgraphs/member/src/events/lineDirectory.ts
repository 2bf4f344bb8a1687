import { inArray } from 'drizzle-orm';
import { lines, type LineRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/** How old the cached lines may get before a read refreshes them in the background (renames show up). */
const STALE_AFTER_MS = 10_000;

/**
 * The firm's lines in memory: validating each event's lineId and resolving `LineStatusEvent.line`
 * must not cost a query per event. Lines are few and change rarely (upsertLine, perhaps on
 * another replica), so a reload on a miss or when stale is enough.
 */
export class LineDirectory {
  private byId = new Map<string, LineRow>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: MemberDatabase) {}

  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await this.db.select().from(lines);
        this.byId = new Map(rows.map((row) => [row.id, row]));
        this.loadedAt = Date.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Makes sure lines created since the last load are known before `has` is asked about `ids`. */
  async ensure(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.byId.has(id));
    if (missing.length === 0) return;
    // A point lookup, not a reload: a publisher with a typo in its lineId costs one indexed query per message.
    const rows = await this.db.select().from(lines).where(inArray(lines.id, missing));
    for (const row of rows) this.byId.set(row.id, row);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): LineRow | undefined {
    if (Date.now() - this.loadedAt > STALE_AFTER_MS) void this.load().catch(() => {});
    return this.byId.get(id);
  }

  all(): LineRow[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
