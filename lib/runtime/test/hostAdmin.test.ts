import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { HOST_ADMIN_AUDIENCE, HOST_ADMIN_ISSUER, HOST_ADMIN_SUBJECT, HostAdminVerifier, signHostAdminToken } from '../src/hostAdmin.ts';

// The member host's admin tokens (issue 18): the cluster registry's key, the host's audience,
// service:registry, at most a minute; anything else is refused.

const { privateKey, publicKey } = await generateKeyPair('ES256');
const keys = { privateKey: privateKey as CryptoKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'cluster-1' } as JWK };
const verifier = HostAdminVerifier.fromKey(publicKey as CryptoKey);

const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: { iss?: string; aud?: string | string[]; sub?: string; iat?: number; exp?: number }, key: CryptoKey = keys.privateKey) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(claims.iss ?? HOST_ADMIN_ISSUER)
    .setAudience(claims.aud ?? HOST_ADMIN_AUDIENCE)
    .setSubject(claims.sub ?? HOST_ADMIN_SUBJECT)
    .setIssuedAt(claims.iat ?? now())
    .setExpirationTime(claims.exp ?? now() + 30)
    .sign(key);

describe('host admin tokens', () => {
  it('accepts what signHostAdminToken makes, and caps its lifetime at a minute', async () => {
    expect(await verifier.check(await signHostAdminToken(keys))).toEqual({ ok: true, subject: HOST_ADMIN_SUBJECT });
    const long = await signHostAdminToken(keys, 3600);
    const [, payload] = long.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(60);
    expect((await verifier.check(long)).ok).toBe(true);
  });

  it('refuses another key, issuer, audience, subject, a long life, an expired token and none at all', async () => {
    const stranger = (await generateKeyPair('ES256')).privateKey as CryptoKey;
    const refused = {
      none: null,
      garbage: 'not.a.token',
      'another key': await sign({}, stranger),
      'another issuer': await sign({ iss: 'clustergraph-gateway' }),
      'the gateway audience': await sign({ aud: 'clustergraph-gateway' }),
      'two audiences': await sign({ aud: [HOST_ADMIN_AUDIENCE, 'urn:clustergraph:cluster'] }),
      'the planner': await sign({ sub: 'service:planner' }),
      'two minutes': await sign({ exp: now() + 120 }),
      expired: await sign({ iat: now() - 200, exp: now() - 100 }),
    };
    for (const [what, token] of Object.entries(refused)) expect((await verifier.check(token)).ok, what).toBe(false);
  });
});
