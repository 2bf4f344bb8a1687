import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyObject, randomUUID, sign as signBytes } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  createRemoteJWKSet,
  type CompactJWSHeaderParameters,
  type JWK,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import { es256Parts, es256PublicKey, verifyEs256, type CompactParts, type Es256ClaimRules } from './es256Jwt.ts';
import { ReplayCache } from './replayCache.ts';
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

/** The signing key as node:crypto's KeyObject, made once per key (jose's CryptoKey converts; a JWK is imported). */
function signingKeyObject(keys: SigningKeys): KeyObject {
  try {
    return KeyObject.from(keys.privateKey as unknown as Parameters<typeof KeyObject.from>[0]);
  } catch {
    throw new Error('the gateway signing key cannot be used with node:crypto');
  }
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs the short-lived token the gateway forwards to one subgraph: one audience, a unique
 * `jti` (the subgraph accepts it once), the gateway request's id as `rid`.
 *
 * The compact JWS is built here and signed with node:crypto (ES256: ECDSA P-256 over SHA-256,
 * the signature as r‖s, RFC 7518 §3.4) with the key imported once, instead of jose's SignJWT
 * per token (a structuredClone of the claims, WebCrypto's async sign job and its promise
 * chain — ≈ 4 % of the gateway's CPU under the overview load). What is signed is unchanged:
 * the same header, the same claims, verified by the subgraphs as before.
 */
export class ServiceTokenSigner {
  private readonly key: KeyObject;
  /** base64url of the protected header, the same for every token of this key. */
  private readonly header: string;

  constructor(private readonly keys: SigningKeys) {
    this.key = signingKeyObject(keys);
    if (this.key.type !== 'private' || this.key.asymmetricKeyType !== 'ec' || this.key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new Error('the gateway signing key must be a P-256 private key (ES256)');
    this.header = base64url(JSON.stringify({ alg: SERVICE_TOKEN_ALG, kid: keys.publicJwk.kid ?? 'gw' }));
  }

  get publicJwk(): JWK {
    return this.keys.publicJwk;
  }

  async sign(auth: ForwardedAuth, audience: string): Promise<string> {
    return this.signNow(auth, audience);
  }

  /** sign() without the promise (the gateway awaits it once per fetch either way). */
  signNow(auth: ForwardedAuth, audience: string): string {
    if (auth.system && audience !== CLUSTER_AUDIENCE) throw new Error('the gateway system identity is for the cluster subgraph only');
    if (auth.probe && (auth.system || auth.viewer)) throw new Error('a probe token carries no viewer and no system identity');
    if (typeof audience !== 'string' || audience.length === 0) throw new Error('a service token names exactly one audience');
    const iat = Math.floor(Date.now() / 1000);
    // The claims SignJWT wrote (undefined ones are left out by JSON.stringify, as there).
    const claims: Record<string, unknown> = {
      mid: auth.viewer?.memberId,
      roles: auth.viewer?.roles ?? [],
      mroles: auth.viewer?.memberRoles ?? [],
      purpose: auth.purpose,
      sys: auth.system,
      ...(auth.probe ? { scope: 'probe' } : {}),
      ...(auth.requestId ? { rid: auth.requestId } : {}),
      iss: SERVICE_TOKEN_ISSUER,
      aud: audience,
      jti: randomUUID(),
      iat,
      exp: iat + SERVICE_TOKEN_TTL_SECONDS,
      ...(auth.viewer ? { sub: auth.viewer.userId } : {}),
    };
    const signingInput = `${this.header}.${base64url(JSON.stringify(claims))}`;
    const signature = signBytes('sha256', Buffer.from(signingInput, 'ascii'), { key: this.key, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${signature.toString('base64url')}`;
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

/** Where a verifier gets the key for a token: one key imported once, or the gateway's JWKS (by the token's `kid`). */
type VerificationKey = { kind: 'static'; key: KeyObject } | { kind: 'remote'; keys: JWTVerifyGetKey; imported: WeakMap<object, KeyObject> };

/**
 * Verifies gateway-signed tokens in a subgraph: its own audience, once each; anything else is refused.
 * The signature and claims are checked with node:crypto (`es256Jwt.ts`: the checks jose's
 * `jwtVerify` made, synchronously, with the key imported once); a JWKS URL is still fetched
 * and cached by jose, each key it yields imported once.
 */
export class ServiceTokenVerifier {
  private readonly replay: ReplayCache;
  private readonly rules: Es256ClaimRules;

  private constructor(
    private readonly key: VerificationKey,
    readonly audience: string,
    replay: ReplayCache | undefined,
  ) {
    this.replay = replay ?? new ReplayCache();
    this.rules = {
      issuer: SERVICE_TOKEN_ISSUER,
      audience,
      requiredClaims: ['jti', 'iat', 'exp'],
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: SERVICE_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
    };
  }

  static async create(source: GatewayKeySource, options: ServiceTokenVerifierOptions): Promise<ServiceTokenVerifier> {
    if (!options.audience) throw new Error('a subgraph must name its own audience');
    if ('jwksUrl' in source) {
      return new ServiceTokenVerifier(
        { kind: 'remote', keys: createRemoteJWKSet(new URL(source.jwksUrl)), imported: new WeakMap() },
        options.audience,
        options.replay,
      );
    }
    const jwk = 'jwk' in source ? source.jwk : (JSON.parse(readFileSync(source.file, 'utf8')) as JWK);
    if (jwk.alg !== undefined && jwk.alg !== SERVICE_TOKEN_ALG) throw new Error(`the gateway key is for ${jwk.alg}, not ${SERVICE_TOKEN_ALG}`);
    return new ServiceTokenVerifier({ kind: 'static', key: es256PublicKey(jwk) }, options.audience, options.replay);
  }

  /** Returns the forwarded auth, or null when the token is missing, forged, expired, for another audience or replayed. */
  async verify(token: string | undefined | null): Promise<ForwardedAuth | null> {
    const checked = await this.check(token);
    return checked.ok ? checked.auth : null;
  }

  /** Like verify(), with the reason for a refusal (for the 401 answer and the log). */
  async check(token: string | undefined | null): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'no token' };
    let payload: Record<string, unknown>;
    try {
      const parts = es256Parts(token);
      const key = this.key.kind === 'static' ? this.key.key : await this.remoteKey(this.key, parts);
      payload = verifyEs256(parts, key, this.rules);
    } catch (error) {
      return { ok: false, reason: `token refused: ${(error as Error).message}` };
    }
    // An audience list naming this subgraph among others would let one token open several doors.
    if (Array.isArray(payload['aud']) && payload['aud'].length !== 1) return { ok: false, reason: 'token names more than one audience' };
    const jti = payload['jti'];
    if (typeof jti !== 'string' || jti.length === 0) return { ok: false, reason: 'token refused: "jti" claim must be a string' };
    const iat = payload['iat'] as number;
    const exp = payload['exp'] as number;
    const system = payload['sys'] === true;
    if (system && this.audience !== CLUSTER_AUDIENCE) return { ok: false, reason: 'the gateway system identity is not accepted here' };
    if (exp - iat > SERVICE_TOKEN_TTL_SECONDS) return { ok: false, reason: 'token lives too long' };
    if (!this.replay.claim(jti, (exp + CLOCK_TOLERANCE_SECONDS) * 1000)) return { ok: false, reason: 'token already used (replay)' };
    const purpose = parsePurpose(typeof payload['purpose'] === 'string' ? payload['purpose'] : null) ?? DEFAULT_PURPOSE;
    const memberId = typeof payload['mid'] === 'string' ? payload['mid'] : null;
    const userId = typeof payload['sub'] === 'string' ? payload['sub'] : null;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : []);
    const probe = payload['scope'] === 'probe';
    const auth: ForwardedAuth = {
      viewer: !probe && userId && memberId ? { userId, memberId, roles: strings(payload['roles']), memberRoles: strings(payload['mroles']) } : null,
      purpose,
      system: system && !probe,
    };
    if (probe) auth.probe = true;
    if (typeof payload['rid'] === 'string') auth.requestId = payload['rid'];
    return { ok: true, auth };
  }

  /** The JWKS key for this token's `kid` (jose fetches and caches the set), imported into node:crypto once per key. */
  private async remoteKey(source: Extract<VerificationKey, { kind: 'remote' }>, parts: CompactParts): Promise<KeyObject> {
    const [encodedHeader] = parts.signingInput.split('.') as [string, string];
    const found = (await source.keys(parts.header as CompactJWSHeaderParameters, {
      protected: encodedHeader,
      payload: parts.payloadPart,
      signature: parts.signaturePart,
    })) as unknown as object;
    let key = source.imported.get(found);
    if (!key) {
      key = es256PublicKey(found);
      source.imported.set(found, key);
    }
    return key;
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
