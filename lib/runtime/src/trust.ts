import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  jwtVerify,
  exportJWK,
  generateKeyPair,
  importJWK,
  createRemoteJWKSet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import type { KeyObject } from 'node:crypto';
import { ReplayCache } from './replayCache.ts';
import { es256PublicKey, verifyEs256Jwt } from './es256.ts';
import { PURPOSES, type Purpose } from '@clustergraph/schema/values';

/** Why data is being read; forwarded from the `x-clustergraph-purpose` header (the standard's Purpose). */
export { PURPOSES, type Purpose };
export const DEFAULT_PURPOSE: Purpose = 'MONITORING';

export function parsePurpose(value: string | undefined | null): Purpose | null {
  if (!value) return DEFAULT_PURPOSE;
  const upper = value.trim().toUpperCase();
  return (PURPOSES as readonly string[]).includes(upper) ? (upper as Purpose) : null;
}

/** The person (or service) behind a request, as the gateway established it. */
export interface Viewer {
  userId: string;
  memberId: string;
  /** Roles of the user within their firm: 'admin', 'planner', … */
  roles: string[];
  /** Cluster roles of the user's firm: 'LEADER', 'PARTNER', 'ANCHOR'. */
  memberRoles: string[];
}

/** What a subgraph knows about a request after verifying the gateway's token. */
export interface ForwardedAuth {
  viewer: Viewer | null;
  purpose: Purpose;
  /**
   * True for the gateway's own calls to the cluster subgraph (routing table, quarantine),
   * never for people. Only ever signed for, and accepted by, the cluster audience.
   */
  system: boolean;
  /** A probe token (the gateway's SDL check): its only right is `{ _service { sdl } }`. */
  probe?: boolean;
  /** The gateway request this token was signed for (its `rid` claim), for logs. */
  requestId?: string;
}

export const SERVICE_TOKEN_ISSUER = 'clustergraph-gateway';
/**
 * Audiences: every gateway→subgraph token names exactly one. A URN, not a bare id, so no
 * member id (lower-case letters, digits, hyphens) can ever equal the cluster's audience.
 */
export const CLUSTER_AUDIENCE = 'urn:clustergraph:cluster';
export function memberAudience(memberId: string): string {
  return `urn:clustergraph:member:${memberId}`;
}
/** @deprecated tokens are bound to one audience now: CLUSTER_AUDIENCE or memberAudience(id). */
export const SERVICE_TOKEN_AUDIENCE = CLUSTER_AUDIENCE;
export const SERVICE_TOKEN_ALG = 'ES256';
/** Seconds: long enough for a slow member under load, short enough that a leaked token is soon worthless. */
export const SERVICE_TOKEN_TTL_SECONDS = 15;
/** Clock difference tolerated between the gateway and a subgraph. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface SigningKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Loads the gateway's signing key pair from `file`, generating it on first start. */
export async function loadOrCreateSigningKeys(file: string): Promise<SigningKeys> {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: (await importJWK(stored.privateJwk, SERVICE_TOKEN_ALG)) as CryptoKey, publicJwk: stored.publicJwk };
  }
  const { privateKey, publicKey } = await generateKeyPair(SERVICE_TOKEN_ALG, { extractable: true });
  const kid = `gw-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SERVICE_TOKEN_ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SERVICE_TOKEN_ALG, use: 'sig' };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ privateJwk, publicJwk }, null, 2), { mode: 0o600 });
  return { privateKey, publicJwk };
}

/**
 * Signs the short-lived token the gateway forwards to one subgraph: one audience, a unique
 * `jti` (the subgraph accepts it once), the gateway request's id as `rid`.
 */
export class ServiceTokenSigner {
  constructor(private readonly keys: SigningKeys) {}

  get publicJwk(): JWK {
    return this.keys.publicJwk;
  }

  async sign(auth: ForwardedAuth, audience: string): Promise<string> {
    if (auth.system && audience !== CLUSTER_AUDIENCE) throw new Error('the gateway system identity is for the cluster subgraph only');
    if (auth.probe && (auth.system || auth.viewer)) throw new Error('a probe token carries no viewer and no system identity');
    const jwt = new SignJWT({
      mid: auth.viewer?.memberId,
      roles: auth.viewer?.roles ?? [],
      mroles: auth.viewer?.memberRoles ?? [],
      purpose: auth.purpose,
      sys: auth.system,
      ...(auth.probe ? { scope: 'probe' } : {}),
      ...(auth.requestId ? { rid: auth.requestId } : {}),
    })
      .setProtectedHeader({ alg: SERVICE_TOKEN_ALG, kid: this.keys.publicJwk.kid ?? 'gw' })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`);
    if (auth.viewer) jwt.setSubject(auth.viewer.userId);
    return jwt.sign(this.keys.privateKey);
  }
}

/** Where a subgraph finds the gateway's public key: an inline JWK, a file, or the gateway's JWKS URL. */
export type GatewayKeySource = { jwk: JWK } | { file: string } | { jwksUrl: string };

export interface ServiceTokenVerifierOptions {
  /** This subgraph's own audience (CLUSTER_AUDIENCE or memberAudience(its id)); any other is refused. */
  audience: string;
  /** Where accepted jtis are remembered; a fresh in-memory cache when omitted. */
  replay?: ReplayCache;
}

export type TokenCheck = { ok: true; auth: ForwardedAuth } | { ok: false; reason: string };

/** Verifies gateway-signed tokens in a subgraph: its own audience, once each; anything else is refused. */
export class ServiceTokenVerifier {
  private readonly replay: ReplayCache;

  private constructor(
    private readonly key: CryptoKey | JWTVerifyGetKey,
    readonly audience: string,
    replay: ReplayCache | undefined,
    /** A static key, imported once for node:crypto (es256.ts): verified without WebCrypto's thread-pool round trip. */
    private readonly staticKey: KeyObject | null,
  ) {
    this.replay = replay ?? new ReplayCache();
  }

  static async create(source: GatewayKeySource, options: ServiceTokenVerifierOptions): Promise<ServiceTokenVerifier> {
    if (!options.audience) throw new Error('a subgraph must name its own audience');
    if ('jwksUrl' in source) return new ServiceTokenVerifier(createRemoteJWKSet(new URL(source.jwksUrl)), options.audience, options.replay, null);
    const jwk = 'jwk' in source ? source.jwk : (JSON.parse(readFileSync(source.file, 'utf8')) as JWK);
    return new ServiceTokenVerifier((await importJWK(jwk, SERVICE_TOKEN_ALG)) as CryptoKey, options.audience, options.replay, es256PublicKey(jwk));
  }

  /** Returns the forwarded auth, or null when the token is missing, forged, expired, for another audience or replayed. */
  async verify(token: string | undefined | null): Promise<ForwardedAuth | null> {
    const checked = await this.check(token);
    return checked.ok ? checked.auth : null;
  }

  /** Like verify(), with the reason for a refusal (for the 401 answer and the log). */
  async check(token: string | undefined | null): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'no token' };
    let payload: JWTPayload;
    const rules = {
      issuer: SERVICE_TOKEN_ISSUER,
      audience: this.audience,
      requiredClaims: ['jti', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: SERVICE_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
    };
    try {
      // The same rules either way (es256.ts is checked against jose's verdicts).
      payload = this.staticKey
        ? verifyEs256Jwt(token, this.staticKey, rules)
        : (await jwtVerify(token, this.key as CryptoKey, { ...rules, algorithms: [SERVICE_TOKEN_ALG] })).payload;
    } catch (error) {
      return { ok: false, reason: `token refused: ${(error as Error).message}` };
    }
    // An audience list naming this subgraph among others would let one token open several doors.
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) return { ok: false, reason: 'token names more than one audience' };
    const system = payload['sys'] === true;
    if (system && this.audience !== CLUSTER_AUDIENCE) return { ok: false, reason: 'the gateway system identity is not accepted here' };
    if (payload.exp! - payload.iat! > SERVICE_TOKEN_TTL_SECONDS) return { ok: false, reason: 'token lives too long' };
    if (!this.replay.claim(payload.jti!, (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000)) return { ok: false, reason: 'token already used (replay)' };
    const purpose = parsePurpose(typeof payload['purpose'] === 'string' ? payload['purpose'] : null) ?? DEFAULT_PURPOSE;
    const memberId = typeof payload['mid'] === 'string' ? payload['mid'] : null;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : []);
    const probe = payload['scope'] === 'probe';
    const auth: ForwardedAuth = {
      viewer:
        !probe && payload.sub && memberId ? { userId: payload.sub, memberId, roles: strings(payload['roles']), memberRoles: strings(payload['mroles']) } : null,
      purpose,
      system: system && !probe,
    };
    if (probe) auth.probe = true;
    if (typeof payload['rid'] === 'string') auth.requestId = payload['rid'];
    return { ok: true, auth };
  }
}

export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const m = /^Bearer\s+(.+)$/i.exec(value.trim());
  return m?.[1] ?? null;
}

export function writePublicJwk(file: string, jwk: JWK): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk));
}
