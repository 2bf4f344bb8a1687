import { buildSchema } from 'graphql';
import { SignJWT } from 'jose';
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
