import { buildSchema } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyObject, createHmac, sign as signBytes } from 'node:crypto';
import { SignJWT, importJWK, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { isSdlProbe } from '../src/probeScope.ts';
import { ReplayCache } from '../src/replayCache.ts';
import { createServiceApp } from '../src/server.ts';
import { CLUSTER_AUDIENCE, SERVICE_TOKEN_ISSUER, ServiceTokenVerifier, memberAudience, type ForwardedAuth } from '../src/trust.ts';
import { createTestSigningKeys } from '../src/testing.ts';

// Gateway→subgraph tokens: one audience each, seconds-long, single-use; the system identity
// for the cluster alone; a probe token good for `{ _service { sdl } }` and nothing else.

const keys = await createTestSigningKeys();
const verifierFor = (audience: string) => ServiceTokenVerifier.create({ file: keys.publicKeyFile }, { audience });
const viewer: ForwardedAuth = {
  viewer: { userId: 'planner@lead', memberId: 'lead', roles: ['planner'], memberRoles: ['LEADER'] },
  purpose: 'JOINT_PLANNING',
  system: false,
  requestId: 'req-1',
};

describe('service tokens', () => {
  it('are accepted once, by their own audience only', async () => {
    const castVerifier = await verifierFor(memberAudience('cast'));
    const otherVerifier = await verifierFor(memberAudience('forge'));
    const clusterVerifier = await verifierFor(CLUSTER_AUDIENCE);
    const token = await keys.signer.sign(viewer, memberAudience('cast'));
    expect(await otherVerifier.check(token)).toMatchObject({ ok: false, reason: expect.stringContaining('aud') });
    expect(await clusterVerifier.verify(token)).toBeNull();
    expect(await castVerifier.verify(token)).toEqual(viewer);
    expect(await castVerifier.check(token)).toEqual({ ok: false, reason: 'token already used (replay)' });
  });

  it('never carry the system identity to a member, and a member refuses one', async () => {
    await expect(keys.signer.sign({ viewer: null, purpose: 'MONITORING', system: true }, memberAudience('cast'))).rejects.toThrow(/cluster subgraph only/);
    // A token forged around the signer's check (same key) is still refused by the member.
    const forged = await new SignJWT({ sys: true, purpose: 'MONITORING' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.keys.publicJwk.kid! })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(memberAudience('cast'))
      .setJti('forged-1')
      .setIssuedAt()
      .setExpirationTime('10s')
      .sign(keys.keys.privateKey);
    expect(await (await verifierFor(memberAudience('cast'))).check(forged)).toEqual({ ok: false, reason: 'the gateway system identity is not accepted here' });
    const system = await keys.signer.sign({ viewer: null, purpose: 'MONITORING', system: true }, CLUSTER_AUDIENCE);
    expect(await (await verifierFor(CLUSTER_AUDIENCE)).verify(system)).toEqual({ viewer: null, purpose: 'MONITORING', system: true });
  });

  it('refuse tokens that live longer than 15 s, name several audiences or lack a jti', async () => {
    const verifier = await verifierFor(memberAudience('cast'));
    const base = () => new SignJWT({ purpose: 'MONITORING' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(SERVICE_TOKEN_ISSUER).setIssuedAt();
    const longLived = await base().setAudience(memberAudience('cast')).setJti('a').setExpirationTime('60s').sign(keys.keys.privateKey);
    expect((await verifier.check(longLived)).ok).toBe(false);
    const twoAudiences = await base()
      .setAudience([memberAudience('cast'), CLUSTER_AUDIENCE])
      .setJti('b')
      .setExpirationTime('10s')
      .sign(keys.keys.privateKey);
    expect(await verifier.check(twoAudiences)).toEqual({ ok: false, reason: 'token names more than one audience' });
    const noJti = await base().setAudience(memberAudience('cast')).setExpirationTime('10s').sign(keys.keys.privateKey);
    expect((await verifier.check(noJti)).ok).toBe(false);
  });
});

describe('service tokens: the node:crypto signer and verifier', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = (overrides: Record<string, unknown> = {}) => {
    const iat = Math.floor(Date.now() / 1000);
    return { purpose: 'MONITORING', iss: SERVICE_TOKEN_ISSUER, aud: memberAudience('cast'), jti: `t-${Math.random()}`, iat, exp: iat + 10, ...overrides };
  };
  const signWithJose = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256' }) => {
    const { iss, aud, jti, iat, exp, ...rest } = payload;
    let jwt = new SignJWT(rest).setProtectedHeader(header as { alg: string });
    if (iss !== undefined) jwt = jwt.setIssuer(iss as string);
    if (aud !== undefined) jwt = jwt.setAudience(aud as string);
    if (jti !== undefined) jwt = jwt.setJti(jti as string);
    if (iat !== undefined) jwt = jwt.setIssuedAt(iat as number);
    if (exp !== undefined) jwt = jwt.setExpirationTime(exp as number);
    return jwt.sign(keys.keys.privateKey);
  };

  /** A compact JWS with any header, signed with the gateway's key (jose refuses to sign some of these headers). */
  const signRaw = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
    const input = `${b64(header)}.${b64(payload)}`;
    const key = KeyObject.from(keys.keys.privateKey as unknown as Parameters<typeof KeyObject.from>[0]);
    return `${input}.${signBytes('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };

  it('signs tokens any JOSE library verifies: ES256, one audience, a fresh jti, 15 s', async () => {
    const token = await keys.signer.sign(viewer, memberAudience('cast'));
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(keys.keys.publicJwk, 'ES256'), {
      issuer: SERVICE_TOKEN_ISSUER,
      audience: memberAudience('cast'),
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: keys.keys.publicJwk.kid });
    expect(payload).toMatchObject({
      sub: 'planner@lead',
      mid: 'lead',
      roles: ['planner'],
      mroles: ['LEADER'],
      purpose: 'JOINT_PLANNING',
      sys: false,
      rid: 'req-1',
    });
    expect(payload.exp! - payload.iat!).toBe(15);
    const other = await keys.signer.sign(viewer, memberAudience('cast'));
    expect((await jwtVerify(other, await importJWK(keys.keys.publicJwk, 'ES256'))).payload.jti).not.toBe(payload.jti);
  });

  it('accepts what jose signed the same way, and refuses every variation an attacker might try', async () => {
    const verifier = await verifierFor(memberAudience('cast'));
    expect((await verifier.check(await signWithJose(claims()))).ok).toBe(true);
    const refused = async (token: string, reason: RegExp) => {
      const checked = await verifier.check(token);
      expect(checked.ok, token).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(reason);
    };
    const good = await signWithJose(claims());
    const [header, payload, signature] = good.split('.') as [string, string, string];
    // Algorithm confusion: none, and HS256 keyed with the public key.
    await refused(`${b64({ alg: 'none' })}.${payload}.`, /Invalid Compact JWS|alg/);
    const hsHeader = b64({ alg: 'HS256' });
    const hs = createHmac('sha256', JSON.stringify(keys.keys.publicJwk)).update(`${hsHeader}.${payload}`).digest('base64url');
    await refused(`${hsHeader}.${payload}.${hs}`, /alg/);
    // Header parameters the verifier does not understand (crit, b64, an embedded key).
    expect((await verifier.check(signRaw({ alg: 'ES256', typ: 'JWT' }, claims()))).ok).toBe(true);
    await refused(signRaw({ alg: 'ES256', crit: ['exp'] }, claims()), /"crit"/);
    await refused(signRaw({ alg: 'ES256', b64: false }, claims()), /"b64"/);
    await refused(signRaw({ alg: 'ES256', jwk: keys.keys.publicJwk }, claims()), /"jwk"/);
    await refused(signRaw({ alg: 'ES256' }, { ...claims(), aud: [memberAudience('cast'), CLUSTER_AUDIENCE] }), /more than one audience/);
    // The claims changed after signing, a signature cut short or of another token.
    await refused(`${header}.${b64({ ...claims(), sys: true })}.${signature}`, /signature/);
    await refused(`${header}.${payload}.${signature.slice(0, 40)}`, /signature/);
    await refused(`${header}.${(await signWithJose(claims())).split('.')[1]}.${signature}`, /signature/);
    await refused(`${header}.${payload}.${signature}!`, /Invalid Compact JWS/);
    await refused(`${header}.${payload}`, /Invalid Compact JWS/);
    // Claims: issuer, audience, lifetime, age, clock.
    const now = Math.floor(Date.now() / 1000);
    await refused(await signWithJose(claims({ iss: 'someone-else' })), /"iss"/);
    await refused(await signWithJose(claims({ aud: CLUSTER_AUDIENCE })), /"aud"/);
    await refused(await signWithJose(claims({ iat: now - 60, exp: now - 50 })), /"exp"/);
    await refused(await signWithJose(claims({ iat: now - 30, exp: now + 1 })), /too long|"iat"/);
    await refused(await signWithJose(claims({ iat: now + 60, exp: now + 70 })), /"iat"/);
    await refused(await signWithJose(claims({ nbf: now + 60 })), /"nbf"/);
    await refused(await signWithJose(claims({ jti: undefined })), /"jti"/);
    await refused(await signWithJose(claims({ exp: undefined })), /"exp"/);
    // Signed by another key.
    const stranger = await createTestSigningKeys();
    await refused(await stranger.signer.sign(viewer, memberAudience('cast')), /signature/);
  });

  it('verifies against the gateway’s JWKS URL (the key chosen by kid)', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [keys.keys.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = await ServiceTokenVerifier.create({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` }, { audience: memberAudience('cast') });
      expect(await verifier.verify(await keys.signer.sign(viewer, memberAudience('cast')))).toEqual(viewer);
      expect(await verifier.verify(await keys.signer.sign(viewer, memberAudience('cast')))).toEqual(viewer);
      const stranger = await createTestSigningKeys();
      expect((await verifier.check(await stranger.signer.sign(viewer, memberAudience('cast')))).ok).toBe(false);
    } finally {
      server.close();
    }
  });
});

describe('replay cache', () => {
  it('remembers a jti until its token expires, and fails closed when full', () => {
    let now = 1_000;
    const cache = new ReplayCache(2, () => now);
    expect(cache.claim('a', 5_000)).toBe(true);
    expect(cache.claim('a', 5_000)).toBe(false);
    expect(cache.claim('b', 5_000)).toBe(true);
    expect(cache.claim('c', 5_000)).toBe(false); // full: refused, nothing forgotten
    now = 6_000;
    expect(cache.claim('c', 9_000)).toBe(true); // expired entries swept
    expect(cache.size).toBe(1);
  });
});

describe('probe scope', () => {
  it('allows exactly { _service { sdl } }', () => {
    expect(isSdlProbe('query GatewayMemberSdl { _service { sdl } }')).toBe(true);
    expect(isSdlProbe('{ _service { sdl __typename } }')).toBe(true);
    for (const query of [
      '{ lines { id } }',
      '{ _service { sdl } lines { id } }',
      'mutation { _service { sdl } }',
      '{ a: _service { sdl } }',
      '{ ...F } fragment F on Query { _service { sdl } }',
      '{ _service { sdl } } query Q { lines { id } }',
      'not graphql',
      42,
    ]) {
      expect(isSdlProbe(query), String(query)).toBe(false);
    }
  });

  const apps: Array<{ stop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  it('is enforced by every subgraph server: any other operation is refused with 403', async () => {
    const schema = buildSchema('type Query { _service: Service secret: String } type Service { sdl: String }');
    const app = createServiceApp({
      name: 'probe-test',
      schema,
      logger: silentLogger,
      verifier: await verifierFor(memberAudience('cast')),
      createContext: () => ({}),
    });
    apps.push(app);
    const { url } = await app.start(0);
    const ask = async (query: string) => {
      const token = await keys.signer.sign({ viewer: null, purpose: 'MONITORING', system: false, probe: true }, memberAudience('cast'));
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> } };
    };
    expect((await ask('{ _service { sdl } }')).status).toBe(200);
    const refused = await ask('{ secret }');
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });
});
