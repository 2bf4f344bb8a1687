import type { JWTPayload } from 'jose';

/** How long a verified token is taken on trust without checking its signature again, at most. */
export const MAX_REUSE_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * People's bearer tokens already verified (signature, issuer, audience, algorithm, claims),
 * by their exact text, until they expire — but never longer than MAX_REUSE_MS, so a key the
 * issuer withdrew from its JWKS stops being honoured within a minute. A client sends the same
 * token with every request; verifying its ES256/RS256 signature again each time was the
 * largest single cost of an authenticated request at the gateway. Only successes are kept
 * (a refused token is checked again), and what a token's firm may do is still read from the
 * registry per request (`activeMemberRoles`), not from here.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { payload: JWTPayload; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get(token: string): JWTPayload | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return null;
    }
    return entry.payload;
  }

  set(token: string, payload: JWTPayload): void {
    const now = this.now();
    if (typeof payload.exp !== 'number') return;
    const until = Math.min(payload.exp * 1000, now + MAX_REUSE_MS);
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(token, { payload, until });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops the expired entries, and if that frees nothing the oldest one. */
  private evict(now: number): void {
    for (const [token, entry] of this.entries) if (entry.until <= now) this.entries.delete(token);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
