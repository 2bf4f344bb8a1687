import type { ForwardedAuth, ServiceTokenSigner } from '@clustergraph/runtime';

/** Tokens live 60 s; reusing one for at most 30 s leaves every subgraph call ≥ 30 s of validity. */
const TOKEN_REUSE_MS = 30_000;
const MAX_CACHED_TOKENS = 10_000;

/** Signs the token forwarded to subgraphs, reusing it per viewer + purpose for a while. */
export class ServiceTokenCache {
  private readonly tokens = new Map<string, { token: Promise<string>; signedAt: number }>();

  constructor(
    private readonly signer: ServiceTokenSigner,
    private readonly now: () => number = Date.now,
  ) {}

  tokenFor(auth: ForwardedAuth): Promise<string> {
    const key = JSON.stringify([auth.system, auth.purpose, auth.viewer?.userId, auth.viewer?.memberId, auth.viewer?.roles, auth.viewer?.memberRoles]);
    const cached = this.tokens.get(key);
    const now = this.now();
    if (cached && now - cached.signedAt < TOKEN_REUSE_MS) return cached.token;
    if (this.tokens.size >= MAX_CACHED_TOKENS) this.dropExpired(now);
    const token = this.signer.sign(auth);
    this.tokens.set(key, { token, signedAt: now });
    token.catch(() => this.tokens.delete(key));
    return token;
  }

  /** The gateway's own calls: routing table, SDL checks, quarantine. */
  systemToken(): Promise<string> {
    return this.tokenFor({ viewer: null, purpose: 'MONITORING', system: true });
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.tokens) if (now - entry.signedAt >= TOKEN_REUSE_MS) this.tokens.delete(key);
    if (this.tokens.size >= MAX_CACHED_TOKENS) this.tokens.clear();
  }
}
