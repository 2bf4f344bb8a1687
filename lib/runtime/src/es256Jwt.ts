import { KeyObject, createPublicKey, verify as verifyBytes, type JsonWebKey } from 'node:crypto';

/**
 * ES256 compact JWTs checked with node:crypto and a key imported once: the gateway→subgraph
 * tokens, verified by every subgraph on every request. jose's `jwtVerify` did the same checks
 * through WebCrypto (an async verify job per token and its promise chain); this does them
 * synchronously, in the same order and with jose's messages, for the one shape of token the
 * gateway signs. Anything else is refused: another algorithm, any header parameter but
 * `alg`, `kid` and `typ` (so no `crit`, `b64`, embedded `jwk` or `jku`), a signature that is
 * not 64 bytes, a part that is not base64url, a claims set that is not a JSON object.
 */

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ALLOWED_HEADER = new Set(['alg', 'kid', 'typ']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JwtRefused extends Error {}

export interface Es256ClaimRules {
  issuer: string;
  audience: string;
  /** Claims that must be present (`iss`, `aud` and `iat` always are). */
  requiredClaims: readonly string[];
  clockToleranceSeconds: number;
  /** Largest `now - iat` accepted (before the tolerance). */
  maxTokenAgeSeconds: number;
}

/** A P-256 public key as node:crypto's KeyObject, from a JWK, a KeyObject or a (Web)CryptoKey such as jose makes. */
export function es256PublicKey(key: unknown): KeyObject {
  let object: KeyObject;
  if (key instanceof KeyObject) object = key;
  else if (key instanceof globalThis.CryptoKey) object = KeyObject.from(key);
  else if (typeof key === 'object' && key !== null && 'kty' in key) object = createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
  else throw new Error('an ES256 key must be a JWK, a KeyObject or a CryptoKey');
  const publicKey = object.type === 'private' ? createPublicKey(object) : object;
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error('an ES256 key must be a P-256 EC key');
  return publicKey;
}

export interface CompactParts {
  header: Record<string, unknown>;
  /** base64url header and payload, as signed. */
  signingInput: string;
  payloadPart: string;
  signaturePart: string;
}

/** Splits and checks the shape of a compact JWS and its protected header (no signature check yet). */
export function es256Parts(token: string): CompactParts {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtRefused('Invalid Compact JWS');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  if (!BASE64URL.test(headerPart) || !BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) throw new JwtRefused('Invalid Compact JWS');
  const header = jsonObject(headerPart, 'JWS Protected Header is invalid');
  for (const name of Object.keys(header)) if (!ALLOWED_HEADER.has(name)) throw new JwtRefused(`unexpected "${name}" JWS Header Parameter`);
  if (header['alg'] !== 'ES256') throw new JwtRefused('"alg" (Algorithm) Header Parameter value not allowed');
  if (header['kid'] !== undefined && typeof header['kid'] !== 'string') throw new JwtRefused('JWS Protected Header is invalid');
  if (header['typ'] !== undefined && typeof header['typ'] !== 'string') throw new JwtRefused('JWS Protected Header is invalid');
  return { header, signingInput: `${headerPart}.${payloadPart}`, payloadPart, signaturePart };
}

/** Checks the signature with `key`, then the claims by `rules`; returns the claims. Throws JwtRefused. */
export function verifyEs256(parts: CompactParts, key: KeyObject, rules: Es256ClaimRules, nowMs = Date.now()): Record<string, unknown> {
  const signature = Buffer.from(parts.signaturePart, 'base64url');
  if (signature.length !== 64 || !verifyBytes('sha256', Buffer.from(parts.signingInput, 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, signature))
    throw new JwtRefused('signature verification failed');
  const claims = jsonObject(parts.payloadPart, 'JWT Claims Set must be a top-level JSON object');
  checkClaims(claims, rules, nowMs);
  return claims;
}

/** jose's validateClaimsSet for these rules: presence, issuer, audience, then nbf, exp and iat against the clock. */
function checkClaims(claims: Record<string, unknown>, rules: Es256ClaimRules, nowMs: number): void {
  const required = new Set([...rules.requiredClaims, 'iat', 'aud', 'iss']);
  for (const claim of required) if (!Object.hasOwn(claims, claim)) throw new JwtRefused(`missing required "${claim}" claim`);
  if (claims['iss'] !== rules.issuer) throw new JwtRefused('unexpected "iss" claim value');
  const aud = claims['aud'];
  const audienceNamed = typeof aud === 'string' ? aud === rules.audience : Array.isArray(aud) && aud.includes(rules.audience);
  if (!audienceNamed) throw new JwtRefused('unexpected "aud" claim value');
  const tolerance = rules.clockToleranceSeconds;
  const now = Math.floor(nowMs / 1000);
  const iat = numericDate(claims, 'iat');
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) throw new JwtRefused('"nbf" claim timestamp check failed');
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) throw new JwtRefused('"exp" claim timestamp check failed');
  const age = now - iat!;
  if (age - tolerance > rules.maxTokenAgeSeconds) throw new JwtRefused('"iat" claim timestamp check failed (too far in the past)');
  if (age < -tolerance) throw new JwtRefused('"iat" claim timestamp check failed (it should be in the past)');
}

function numericDate(claims: Record<string, unknown>, claim: string): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new JwtRefused(`"${claim}" claim must be a number`);
  return value;
}

function jsonObject(part: string, message: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    throw new JwtRefused(message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JwtRefused(message);
  return value as Record<string, unknown>;
}
