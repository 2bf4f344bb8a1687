import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, jwtVerify, exportJWK, generateKeyPair, importJWK, createRemoteJWKSet, type JWK, type JWTVerifyGetKey, type CryptoKey } from 'jose';

/** Why data is being read; forwarded from the `x-clustergraph-purpose` header. */
export const PURPOSES = ['JOINT_PLANNING', 'MONITORING', 'AI_TRANSITION', 'BENCHMARKING'] as const;
export type Purpose = (typeof PURPOSES)[number];
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
  /** True for the gateway's own calls (routing, SDL checks), never for people. */
  system: boolean;
}

export const SERVICE_TOKEN_ISSUER = 'clustergraph-gateway';
export const SERVICE_TOKEN_AUDIENCE = 'clustergraph-subgraph';
export const SERVICE_TOKEN_ALG = 'ES256';
const SERVICE_TOKEN_TTL_SECONDS = 60;

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

/** Signs the short-lived token the gateway forwards to subgraphs. */
export class ServiceTokenSigner {
  constructor(private readonly keys: SigningKeys) {}

  get publicJwk(): JWK {
    return this.keys.publicJwk;
  }

  async sign(auth: ForwardedAuth): Promise<string> {
    const jwt = new SignJWT({
      mid: auth.viewer?.memberId,
      roles: auth.viewer?.roles ?? [],
      mroles: auth.viewer?.memberRoles ?? [],
      purpose: auth.purpose,
      sys: auth.system,
    })
      .setProtectedHeader({ alg: SERVICE_TOKEN_ALG, kid: this.keys.publicJwk.kid ?? 'gw' })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`);
    if (auth.viewer) jwt.setSubject(auth.viewer.userId);
    return jwt.sign(this.keys.privateKey);
  }
}

/** Where a subgraph finds the gateway's public key: an inline JWK, a file, or the gateway's JWKS URL. */
export type GatewayKeySource = { jwk: JWK } | { file: string } | { jwksUrl: string };

/** Verifies gateway-signed tokens in a subgraph; anything else is refused. */
export class ServiceTokenVerifier {
  private constructor(private readonly key: CryptoKey | JWTVerifyGetKey) {}

  static async create(source: GatewayKeySource): Promise<ServiceTokenVerifier> {
    if ('jwksUrl' in source) return new ServiceTokenVerifier(createRemoteJWKSet(new URL(source.jwksUrl)));
    const jwk = 'jwk' in source ? source.jwk : (JSON.parse(readFileSync(source.file, 'utf8')) as JWK);
    return new ServiceTokenVerifier((await importJWK(jwk, SERVICE_TOKEN_ALG)) as CryptoKey);
  }

  /** Returns the forwarded auth, or null when the token is missing, forged or expired. */
  async verify(token: string | undefined | null): Promise<ForwardedAuth | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key as CryptoKey, {
        issuer: SERVICE_TOKEN_ISSUER,
        audience: SERVICE_TOKEN_AUDIENCE,
        algorithms: [SERVICE_TOKEN_ALG],
      });
      const purpose = parsePurpose(typeof payload['purpose'] === 'string' ? payload['purpose'] : null) ?? DEFAULT_PURPOSE;
      const memberId = typeof payload['mid'] === 'string' ? payload['mid'] : null;
      const strings = (v: unknown) => (Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : []);
      return {
        viewer: payload.sub && memberId ? { userId: payload.sub, memberId, roles: strings(payload['roles']), memberRoles: strings(payload['mroles']) } : null,
        purpose,
        system: payload['sys'] === true,
      };
    } catch {
      return null;
    }
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
