import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { JWK, JWTPayload } from 'jose';

/**
 * ES256 JWT verification with node:crypto on a KeyObject imported once, for the gateway→
 * subgraph tokens a subgraph checks on every request (issue 18: a member host checks one per
 * firm part). jose's jwtVerify does the same checks through WebCrypto, whose every verify is a
 * job handed to libuv's thread pool and back: on a busy machine that hand-over cost more than
 * the signature itself. The rules are jose's (lib/runtime/test/es256.test.ts compares the two
 * on valid and broken tokens): compact form, `alg` ES256 and no `crit`, a 64-byte P-256
 * signature over the first two parts as sent, a JSON object payload, the required claims
 * present, `iss` equal, `aud` naming the audience, `exp`/`nbf`/`iat` numbers checked against
 * the clock with the tolerance, and `iat` no older than `maxTokenAge`.
 */
export interface Es256VerifyOptions {
  issuer: string;
  audience: string;
  requiredClaims: readonly string[];
  /** Seconds. */
  clockTolerance: number;
  /** Seconds. */
  maxTokenAge: number;
}

export class JwtRefused extends Error {}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The gateway's public key as a node:crypto KeyObject (ES256: an EC P-256 JWK). */
export function es256PublicKey(jwk: JWK): KeyObject {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error('the gateway key is not an ES256 (EC P-256) public key');
  }
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
}

function jsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    throw new JwtRefused(`${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JwtRefused(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The verified payload, or throws JwtRefused saying why. `nowSeconds`: the clock (tests). */
export function verifyEs256Jwt(token: string, key: KeyObject, options: Es256VerifyOptions, nowSeconds = Math.floor(Date.now() / 1000)): JWTPayload {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw new JwtRefused('Invalid Compact JWS');
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  const header = jsonObject(encodedHeader, 'JWS Protected Header');
  if (header['alg'] !== 'ES256') throw new JwtRefused('"alg" (Algorithm) Header Parameter value not allowed');
  // No extension is understood here (jose refuses unknown ones, and b64 only matters through crit).
  if (header['crit'] !== undefined) throw new JwtRefused('"crit" (Critical) Header Parameter is not supported');
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (signature.length !== 64) throw new JwtRefused('signature verification failed');
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii');
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) throw new JwtRefused('signature verification failed');

  const payload = jsonObject(encodedPayload, 'JWT Claims Set') as JWTPayload;
  for (const claim of new Set(['iss', 'aud', 'iat', ...options.requiredClaims]))
    if (!Object.hasOwn(payload, claim)) throw new JwtRefused(`missing required "${claim}" claim`);
  if (payload.iss !== options.issuer) throw new JwtRefused('unexpected "iss" claim value');
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.includes(options.audience)) throw new JwtRefused('unexpected "aud" claim value');
  const tolerance = options.clockTolerance;
  // maxTokenAge makes iat required (as in jose).
  if (typeof payload.iat !== 'number') throw new JwtRefused('"iat" claim must be a number');
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw new JwtRefused('"nbf" claim must be a number');
    if (payload.nbf > nowSeconds + tolerance) throw new JwtRefused('"nbf" claim timestamp check failed');
  }
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') throw new JwtRefused('"exp" claim must be a number');
    if (payload.exp <= nowSeconds - tolerance) throw new JwtRefused('"exp" claim timestamp check failed');
  }
  const age = nowSeconds - payload.iat;
  if (age - tolerance > options.maxTokenAge) throw new JwtRefused('"iat" claim timestamp check failed (too far in the past)');
  if (age < 0 - tolerance) throw new JwtRefused('"iat" claim timestamp check failed (it should be in the past)');
  return payload;
}
