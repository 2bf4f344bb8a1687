/**
 * How long a rest fetch's answer is reused: fresh for `freshMs`, then served while refreshed in
 * the background up to `staleMs`; past that it is fetched in line, and if that fetch fails, the
 * last good answer is served instead while it is younger than `staleIfErrorMs` (when given).
 */
export interface RestFetchPolicy {
  freshMs: number;
  staleMs: number;
  staleIfErrorMs?: number;
}

interface Entry {
  response: unknown;
  fetchedAt: number;
  pending: Promise<unknown> | null;
}

const MAX_ENTRIES = 5000;

/**
 * The fetches of a subscription's rest, shared across events and groups: identical fetches
 * (subgraph + operation + variables + reader scope) in flight are sent once, and — for
 * subgraphs whose data may be a little stale (the registry's member names and roles) —
 * an answer is reused for a short while, so an event's latency does not hang on that
 * subgraph's latency. Answers with errors are never reused.
 */
export class RestFetchCache {
  private readonly entries = new Map<string, Entry>();
  readonly stats = { fetches: 0, coalesced: 0, reused: 0, reusedStale: 0, servedOnError: 0 };

  constructor(private readonly now: () => number = () => performance.now()) {}

  get(key: string, policy: RestFetchPolicy | null, fetch: () => Promise<unknown>): Promise<unknown> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && policy && entry.fetchedAt >= 0) {
      const age = now - entry.fetchedAt;
      if (age < policy.freshMs) {
        this.stats.reused++;
        return Promise.resolve(entry.response);
      }
      if (age < policy.staleMs) {
        this.stats.reusedStale++;
        if (!entry.pending) this.refresh(key, entry, fetch).catch(() => {});
        return Promise.resolve(entry.response);
      }
    }
    if (entry?.pending) {
      this.stats.coalesced++;
      return this.orLastGood(entry.pending, entry, policy, now);
    }
    const fresh: Entry = entry ?? { response: undefined, fetchedAt: -1, pending: null };
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.evict(now, policy?.staleMs ?? 0);
      this.entries.set(key, fresh);
    }
    return this.orLastGood(this.refresh(key, fresh, fetch, policy === null), fresh, policy, now);
  }

  /** A fetch in line that fails (thrown, or answered with errors) gives way to the last good answer while the policy allows it. */
  private orLastGood(pending: Promise<unknown>, entry: Entry, policy: RestFetchPolicy | null, now: number): Promise<unknown> {
    if (!policy?.staleIfErrorMs || entry.fetchedAt < 0 || now - entry.fetchedAt >= policy.staleIfErrorMs) return pending;
    const lastGood = entry.response;
    const fallBack = () => {
      this.stats.servedOnError++;
      return lastGood;
    };
    return pending.then((response) => ((response as { errors?: unknown[] }).errors?.length ? fallBack() : response), fallBack);
  }

  private refresh(key: string, entry: Entry, fetch: () => Promise<unknown>, forget = false): Promise<unknown> {
    this.stats.fetches++;
    const pending = fetch().then(
      (response) => {
        entry.pending = null;
        if (forget || (response as { errors?: unknown[] }).errors?.length) {
          if (entry.fetchedAt < 0) this.entries.delete(key);
        } else {
          entry.response = response;
          entry.fetchedAt = this.now();
        }
        return response;
      },
      (error: unknown) => {
        entry.pending = null;
        if (entry.fetchedAt < 0) this.entries.delete(key);
        throw error;
      },
    );
    entry.pending = pending;
    return pending;
  }

  private evict(now: number, staleMs: number): void {
    for (const [key, entry] of this.entries) if (!entry.pending && now - entry.fetchedAt >= staleMs) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
