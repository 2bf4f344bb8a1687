import { randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { SigningKeys } from './trust.ts';

/**
 * The member host's provisioning API (`/admin/firms`) is called by the cluster registry only:
 * a JWT signed with the cluster subgraph's service key (the one behind its
 * `/.well-known/jwks.json`, also used for `service:planner`), for the host's audience, as
 * `service:registry`, living at most a minute. The host verifies it against that JWKS
 * (its CLUSTER_SERVICE_JWKS_URL). Shared here so that the cluster signs exactly what the
 * host checks.
 */
export const HOST_ADMIN_ISSUER = 'clustergraph-cluster';
export const HOST_ADMIN_AUDIENCE = 'urn:clustergraph:member-host';
export const HOST_ADMIN_SUBJECT = 'service:registry';
export const HOST_ADMIN_MAX_TTL_SECONDS = 60;
const CLOCK_TOLERANCE_SECONDS = 5;

/** A bearer token for the member host's /admin/firms (default lifetime 30 s, never more than 60 s). */
export async function signHostAdminToken(keys: Pick<SigningKeys, 'privateKey' | 'publicJwk'>, ttlSeconds = 30): Promise<string> {
  const ttl = Math.min(Math.max(1, Math.floor(ttlSeconds)), HOST_ADMIN_MAX_TTL_SECONDS);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.publicJwk.kid ?? 'cluster' })
    .setIssuer(HOST_ADMIN_ISSUER)
    .setAudience(HOST_ADMIN_AUDIENCE)
    .setSubject(HOST_ADMIN_SUBJECT)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(keys.privateKey);
}

export type HostAdminCheck = { ok: true; subject: string } | { ok: false; reason: string };

/** Verifies host-admin tokens against the cluster subgraph's JWKS (fetched and cached by jose). */
export class HostAdminVerifier {
  private constructor(private readonly key: JWTVerifyGetKey | CryptoKey) {}

  static fromJwksUrl(url: string): HostAdminVerifier {
    return new HostAdminVerifier(createRemoteJWKSet(new URL(url), { cooldownDuration: 5_000 }));
  }

  /** For tests that hold the key itself. */
  static fromKey(key: CryptoKey): HostAdminVerifier {
    return new HostAdminVerifier(key);
  }

  async check(token: string | null | undefined): Promise<HostAdminCheck> {
    if (!token) return { ok: false, reason: 'no token' };
    try {
      const { payload } = await jwtVerify(token, this.key as CryptoKey, {
        issuer: HOST_ADMIN_ISSUER,
        audience: HOST_ADMIN_AUDIENCE,
        subject: HOST_ADMIN_SUBJECT,
        algorithms: ['ES256'],
        requiredClaims: ['iat', 'exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: HOST_ADMIN_MAX_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
      });
      // One audience only: a token naming the host among others would open several doors.
      if (Array.isArray(payload.aud) && payload.aud.length !== 1) return { ok: false, reason: 'token names more than one audience' };
      if (payload.exp! - payload.iat! > HOST_ADMIN_MAX_TTL_SECONDS) return { ok: false, reason: 'token lives too long' };
      return { ok: true, subject: payload.sub! };
    } catch (error) {
      return { ok: false, reason: `token refused: ${(error as Error).message}` };
    }
  }
}
