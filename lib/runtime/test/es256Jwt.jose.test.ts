import { generateKeyPair, exportJWK, jwtVerify, SignJWT, CompactSign, importJWK, type CryptoKey } from 'jose';
import { KeyObject, sign as signBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { es256Parts, es256PublicKey, verifyEs256, type Es256ClaimRules } from '../src/es256Jwt.ts';

// The fast ES256 check (node:crypto, a KeyObject imported once) accepts and refuses exactly what
// jose's jwtVerify does with the same options, on valid tokens and on every way of breaking one.

const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
const other = await generateKeyPair('ES256');
const publicJwk = await exportJWK(publicKey);
const keyObject = es256PublicKey(publicJwk);
const joseKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
const options: Es256ClaimRules = {
  issuer: 'clustergraph-gateway',
  audience: 'urn:clustergraph:member:cast',
  requiredClaims: ['jti', 'iat', 'exp'],
  clockToleranceSeconds: 5,
  maxTokenAgeSeconds: 20,
};
const verifyEs256Jwt = (token: string, key: KeyObject, rules: Es256ClaimRules) => verifyEs256(es256Parts(token), key, rules);
const now = Math.floor(Date.now() / 1000);
const valid = { iss: options.issuer, aud: options.audience, jti: 'j1', iat: now, exp: now + 15, purpose: 'MONITORING' };
const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256' }, key: CryptoKey = privateKey) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as never).sign(key);
/** Signed by hand, for headers jose will not sign (unknown crit extensions). */
const rawSign = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  const signature = signBytes('sha256', Buffer.from(signed), { key: KeyObject.from(privateKey as never), dsaEncoding: 'ieee-p1363' });
  return `${signed}.${signature.toString('base64url')}`;
};
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function joseAccepts(token: string): Promise<boolean> {
  try {
    await jwtVerify(token, joseKey, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256'],
      requiredClaims: [...options.requiredClaims],
      clockTolerance: options.clockToleranceSeconds,
      maxTokenAge: options.maxTokenAgeSeconds,
    });
    return true;
  } catch {
    return false;
  }
}
function fastAccepts(token: string): boolean {
  try {
    verifyEs256Jwt(token, keyObject, options);
    return true;
  } catch {
    return false;
  }
}

const goodToken = await sign(valid);
const [goodHeader, goodPayload, goodSignature] = goodToken.split('.') as [string, string, string];
const cases: Array<[string, string | Promise<string>, boolean]> = [
  ['a valid token', goodToken, true],
  [
    'signed with SignJWT',
    new SignJWT({ purpose: 'X' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('15s')
      .sign(privateKey),
    true,
  ],
  ['audience in a list', sign({ ...valid, aud: ['urn:other', options.audience] }), true],
  ['another key', sign(valid, { alg: 'ES256' }, other.privateKey), false],
  ['payload changed after signing', `${goodHeader}.${b64({ ...valid, aud: 'urn:clustergraph:member:heat' })}.${goodSignature}`, false],
  ['payload swapped from another token', sign({ ...valid, jti: 'j2' }).then((t) => `${goodHeader}.${t.split('.')[1]}.${goodSignature}`), false],
  ['alg none', `${b64({ alg: 'none' })}.${goodPayload}.`, false],
  ['alg HS256 header on an ES256 signature', `${b64({ alg: 'HS256' })}.${goodPayload}.${goodSignature}`, false],
  ['signed by hand (the helper below)', rawSign({ alg: 'ES256' }, valid), true],
  ['crit header', rawSign({ alg: 'ES256', crit: ['exp'], exp: 1 }, valid), false],
  ['b64 false with crit', rawSign({ alg: 'ES256', crit: ['b64'], b64: false }, valid), false],
  ['truncated signature', `${goodHeader}.${goodPayload}.${goodSignature.slice(0, 40)}`, false],
  ['empty signature', `${goodHeader}.${goodPayload}.`, false],
  ['four parts', `${goodToken}.x`, false],
  ['two parts', `${goodHeader}.${goodPayload}`, false],
  ['not base64url', `${goodHeader}.${goodPayload}.${goodSignature.slice(0, -2)}+/`, false],
  ['payload not an object', sign([1, 2] as never), false],
  ['payload not JSON', new CompactSign(new TextEncoder().encode('not json')).setProtectedHeader({ alg: 'ES256' }).sign(privateKey), false],
  ['payload not UTF-8', new CompactSign(new Uint8Array([0x7b, 0xff, 0x7d])).setProtectedHeader({ alg: 'ES256' }).sign(privateKey), false],
  ['wrong issuer', sign({ ...valid, iss: 'someone' }), false],
  ['no issuer', sign({ ...valid, iss: undefined }), false],
  ['wrong audience', sign({ ...valid, aud: 'urn:clustergraph:member:heat' }), false],
  ['no audience', sign({ ...valid, aud: undefined }), false],
  ['no jti', sign({ ...valid, jti: undefined }), false],
  ['no iat', sign({ ...valid, iat: undefined }), false],
  ['iat a string', sign({ ...valid, iat: String(now) }), false],
  ['no exp', sign({ ...valid, exp: undefined }), false],
  ['exp a string', sign({ ...valid, exp: String(now + 10) }), false],
  ['expired', sign({ ...valid, iat: now - 16, exp: now - 6 }), false],
  // 2 s past its exp, within the 5-s tolerance: the tokens are signed when the file loads, and a
  // loaded machine can take a few seconds from there to this case (exp now - 4 left 1 s, and once failed in CI).
  ['expired within the tolerance', sign({ ...valid, iat: now - 12, exp: now - 2 }), true],
  ['issued too long ago', sign({ ...valid, iat: now - 26, exp: now + 10 }), false],
  ['issued in the future', sign({ ...valid, iat: now + 10, exp: now + 20 }), false],
  ['issued a little in the future (tolerance)', sign({ ...valid, iat: now + 3, exp: now + 18 }), true],
  ['not before the future', sign({ ...valid, nbf: now + 10 }), false],
  ['nbf a string', sign({ ...valid, nbf: 'soon' }), false],
  ['nbf in the past', sign({ ...valid, nbf: now - 1 }), true],
];

describe('fast ES256 verification', () => {
  it.each(cases)('%s: same verdict as jose', async (_name, token, expected) => {
    const compact = await token;
    expect(await joseAccepts(compact)).toBe(expected);
    expect(fastAccepts(compact)).toBe(expected);
  });

  it('returns the payload as signed', () => {
    expect(verifyEs256Jwt(goodToken, keyObject, options)).toEqual(valid);
  });

  it('refuses a key that is not EC P-256', () => {
    expect(() => es256PublicKey({ kty: 'RSA', n: 'x', e: 'AQAB' })).toThrow(/P-256/);
  });
});
