/**
 * The token ids (jti) a subgraph has already accepted, each kept until its token expires.
 * A gateway→subgraph token is single-use: the gateway signs one per fetch, so a second
 * arrival of the same jti is a replay (a captured token sent again) and is refused.
 *
 * In memory, per process. Replicas of one member behind a load balancer each keep their
 * own set, so a token replayed to another replica would pass this check (audience and the
 * seconds-long lifetime still apply); such deployments need a shared store (Redis SET NX
 * with the token's expiry, or a PostgreSQL table with a unique key) at the cost of one
 * round trip per request.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    /** Fail closed beyond this: a full cache refuses new tokens rather than forget old ones. */
    private readonly maxEntries = 200_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `jti` is seen (it is remembered until `expiresAtMs`); false for a replay or a full cache. */
  claim(jti: string, expiresAtMs: number): boolean {
    const now = this.now();
    if (now >= this.nextSweep || this.seen.size >= this.maxEntries) this.sweep(now);
    const known = this.seen.get(jti);
    if (known !== undefined && known > now) return false;
    if (this.seen.size >= this.maxEntries) return false;
    this.seen.set(jti, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    for (const [jti, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(jti);
    this.nextSweep = now + 1000;
  }
}
