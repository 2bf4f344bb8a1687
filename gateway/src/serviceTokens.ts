import { CLUSTER_AUDIENCE, isApplicant, memberAudience, type ForwardedAuth, type ServiceTokenSigner } from '@clustergraph/runtime';

/**
 * Mints the tokens the gateway forwards to subgraphs: one per fetch, bound to the one
 * subgraph it goes to (a member's audience or the cluster's), living seconds, with a unique
 * jti that subgraph accepts once.
 *
 * Why not reuse a token per viewer for a while (as before)? A reused token can only be
 * checked for an *exact* replay; a captured one would still be good at the same subgraph
 * for as long as it is reused. Signing one per fetch costs ≈ 60 µs of CPU (ES256), a few
 * per request, and makes every captured token worthless after its first use (the subgraph's
 * own verification costs the same either way). With certificate-bound tokens over mTLS
 * (README, "Trust between servers") reuse per audience would be safe again.
 */
export class ServiceTokenCache {
  constructor(private readonly signer: ServiceTokenSigner) {}

  /** A viewer's (or anonymous) token for one audience. */
  tokenFor(auth: ForwardedAuth, audience: string): Promise<string> {
    return this.signer.sign(auth, audience);
  }

  /** A viewer's token for one member's subgraph. */
  memberToken(auth: ForwardedAuth, memberId: string): Promise<string> {
    // The shard router and the live server refuse applicants first; this is the last door.
    if (isApplicant(auth.viewer)) return Promise.reject(new Error('an applicant never reaches a member subgraph'));
    return this.signer.sign({ ...auth, system: false }, memberAudience(memberId));
  }

  /** A viewer's token for the cluster subgraph. */
  clusterToken(auth: ForwardedAuth): Promise<string> {
    return this.signer.sign(auth, CLUSTER_AUDIENCE);
  }

  /** The gateway's own calls to the cluster subgraph: routing table and quarantine. Never sent to a member. */
  systemToken(): Promise<string> {
    return this.signer.sign({ viewer: null, purpose: 'MONITORING', system: true }, CLUSTER_AUDIENCE);
  }

  /** The SDL check of one member: a token whose only right there is `{ _service { sdl } }`. */
  probeToken(memberId: string): Promise<string> {
    return this.signer.sign({ viewer: null, purpose: 'MONITORING', system: false, probe: true }, memberAudience(memberId));
  }
}
