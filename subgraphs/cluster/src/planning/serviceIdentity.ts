import { loadOrCreateSigningKeys, signHostAdminToken, type ServiceAppOptions, type SigningKeys } from '@clustergraph/runtime';

type ExpressApp = Parameters<NonNullable<ServiceAppOptions<object>['configure']>>[0];

/**
 * The cluster subgraph's own identity towards the gateway. The planner reads members'
 * capacity and creates allocations *through the gateway*, like any client, so the members'
 * sharing policies and usage ledgers see it. It signs a short-lived JWT with its own key
 * (generated at first start); the gateway fetches the public key from
 * `/.well-known/jwks.json` (its CLUSTER_SERVICE_JWKS_URL) and maps the token to the viewer
 * `{ userId: 'service:planner', memberId: <leader>, roles: ['planner'] }` with purpose
 * JOINT_PLANNING only — see gateway/src/auth/serviceIdentity.ts, which holds the same
 * issuer and audience constants.
 */
export const CLUSTER_SERVICE_ISSUER = 'clustergraph-cluster';
export const CLUSTER_SERVICE_AUDIENCE = 'clustergraph-gateway';
export const PLANNER_SERVICE_SUBJECT = 'service:planner';
export const SERVICE_PURPOSE = 'JOINT_PLANNING';
export const SERVICE_JWKS_PATH = '/.well-known/jwks.json';

const TOKEN_TTL_SECONDS = 300;
/** A token is re-signed when less than this is left, so a slow request never carries an expiring one. */
const RENEW_BEFORE_SECONDS = 60;

export class ServiceIdentity {
  private cached: { token: string; expiresAt: number } | null = null;

  private constructor(
    private readonly keys: SigningKeys,
    readonly leaderId: string,
  ) {}

  /** Loads the key pair from `keyFile`, generating it on first start. */
  static async load(keyFile: string, leaderId: string): Promise<ServiceIdentity> {
    return new ServiceIdentity(await loadOrCreateSigningKeys(keyFile), leaderId);
  }

  /** The bearer token for a gateway request (cached until a minute before it expires). */
  async token(now = Date.now()): Promise<string> {
    if (this.cached && this.cached.expiresAt - RENEW_BEFORE_SECONDS * 1000 > now) return this.cached.token;
    const issuedAt = Math.floor(now / 1000);
    const token = await signEs256(
      { alg: 'ES256', typ: 'JWT', kid: this.keys.publicJwk.kid ?? 'cluster' },
      {
        iss: CLUSTER_SERVICE_ISSUER,
        aud: CLUSTER_SERVICE_AUDIENCE,
        sub: PLANNER_SERVICE_SUBJECT,
        iat: issuedAt,
        exp: issuedAt + TOKEN_TTL_SECONDS,
        member_id: this.leaderId,
        roles: ['planner'],
        purpose: SERVICE_PURPOSE,
      },
      this.keys.privateKey,
    );
    this.cached = { token, expiresAt: (issuedAt + TOKEN_TTL_SECONDS) * 1000 };
    return token;
  }

  /**
   * The registry's token for the member host's provisioning API (approveMember of a HOSTED
   * applicant): the same key, its own subject and audience, at most a minute, never cached.
   */
  hostAdminToken(): Promise<string> {
    // lib/runtime/src/hostAdmin.ts signs exactly what the member host checks.
    return signHostAdminToken(this.keys);
  }

  /** Serves the public key for the gateway (no secret in it). */
  routes(app: ExpressApp): void {
    app.get(SERVICE_JWKS_PATH, (_req, res) => {
      res.json({ keys: [this.keys.publicJwk] });
    });
  }
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/**
 * A compact JWS with ES256 (WebCrypto's ECDSA signature is already the r‖s form JWS wants).
 * Written out rather than pulling `jose` into this package for one signature.
 */
async function signEs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: CryptoKey): Promise<string> {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}
