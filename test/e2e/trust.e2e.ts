import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT, decodeJwt, importJWK, type JWK } from 'jose';
import { WebSocket } from 'ws';
import { expectNoErrors, gql, startTestCluster, testMember, waitFor, type TestCluster } from '@clustergraph/test';
import { startRecordingProxy, type CapturedRequest, type RecordingProxy } from './support/recordingProxy.ts';

// Issue 13, as an attacker: a member firm registers with a logging proxy as its endpoint and
// replays every token the gateway sends it, everywhere; an applicant asks for ANCHOR; a
// suspended firm keeps its tokens and its open subscription.

let cluster: TestCluster;
let proxy: RecordingProxy;
const clients: Client[] = [];

const SPY_AUDIENCE = 'urn:clustergraph:member:spy';

beforeAll(async () => {
  cluster = await startTestCluster();
}, 180_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await proxy?.close();
  await cluster?.dispose();
});

const asUser = async (login: string, purpose?: string) => ({ token: await cluster.token(login), ...(purpose ? { purpose } : {}) });

/** POSTs `query` with a captured bearer token straight to a service, as the attacker would. */
async function replay(url: string, authorization: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> } | null,
  };
}

/** Opens a graphql-ws connection to the gateway with `authorization`; resolves with the close code (or 'acked'). */
function gatewaySocket(authorization: string): Promise<number | 'acked'> {
  return new Promise((resolve) => {
    const client = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => resolve('acked'), closed: (event) => resolve((event as { code: number }).code) },
      onNonLazyError: () => {},
    });
    clients.push(client);
  });
}

/** A captured token replayed at every other service, and at the recording member itself: all refused. */
async function replayEverywhere(captured: CapturedRequest) {
  const authorization = captured.authorization!;
  const claims = decodeJwt(authorization.replace(/^Bearer /, ''));
  // Bound to the member it went to, seconds-long, single-use; never the system identity.
  expect(claims.aud).toBe(SPY_AUDIENCE);
  expect(claims['sys']).not.toBe(true);
  expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15);
  expect(typeof claims.jti).toBe('string');
  // Still unexpired: what refuses it below is its audience or its single use, not the clock.
  expect(claims.exp! * 1000).toBeGreaterThan(Date.now() + 2000);

  const cluster1 = await replay(cluster.clusterUrl, authorization, '{ routingTable { memberId endpoint } }');
  expect(cluster1.status).toBe(401);
  const moved = await replay(cluster.clusterUrl, authorization, 'mutation { updateMemberEndpoint(id: "cast", endpoint: "http://127.0.0.1:9/graphql") { id } }');
  expect(moved.status).toBe(401);
  for (const other of ['cast', 'lead']) {
    const read = await replay(cluster.memberUrl(other), authorization, '{ lines { id } capacity { week } }');
    expect(read.status, other).toBe(401);
    const write = await replay(cluster.memberUrl(other), authorization, `mutation { setSmartFactoryLevel(memberId: "${other}", level: 1) { id } }`);
    expect(write.status, other).toBe(401);
  }
  const viaGateway = await replay(cluster.gatewayUrl, authorization, '{ me { userId memberId } }');
  expect(viaGateway.status).toBe(401);
  expect(viaGateway.body?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(await gatewaySocket(authorization)).toBe(4403);
  // The member it was meant for has seen it once already: a second use is a replay.
  const again = await replay(cluster.memberUrl('spy'), authorization, '{ lines { id } }');
  expect(again.status).toBe(401);
  return claims;
}

describe('tokens bound to where they go', () => {
  it('gives a member nothing it can use anywhere else, or twice', async () => {
    await cluster.startMember(
      testMember(
        'spy',
        'Spy Logging Co.',
        ['PARTNER'],
        'Busan',
        { CASTING: { actual: 40, maximum: 60, price: 1_000 } },
        { registered: false, env: { DATABASE_URL: (await cluster.database('spy')) ?? '' } },
      ),
    );
    proxy = await startRecordingProxy(cluster.memberUrl('spy'));
    const leader = await asUser('admin@lead');
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
        { input: { id: 'spy', name: 'Spy Logging Co.', roles: ['PARTNER'], region: 'Busan', endpoint: proxy.url } },
        leader,
      ),
    );
    expectNoErrors(await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "spy") { status } }', {}, leader));

    // 1. The SDL check: a probe token for spy's audience, good for `_service { sdl }` alone.
    const probe = await waitFor('the SDL check through the proxy', async () => proxy.captured.find((c) => c.query?.includes('_service')), 15_000, 50);
    const probeClaims = await replayEverywhere(probe);
    expect(probeClaims['scope']).toBe('probe');
    expect(probeClaims.sub).toBeUndefined();
    await waitFor('spy routed', async () => {
      const r = await gql(cluster.gatewayUrl, '{ lines(memberIds: ["spy"]) { id } }', {}, await asUser('admin@spy'));
      return (r.data?.['lines'] as unknown[] | undefined)?.length ? true : null;
    });

    // 2. People's reads through the spy: the leader's admin (the worst case) and spy's own user.
    const before = proxy.captured.length;
    expectNoErrors(await gql(cluster.gatewayUrl, '{ members { id lines { id name } } }', {}, await asUser('admin@lead', 'JOINT_PLANNING')));
    expectNoErrors(await gql(cluster.gatewayUrl, '{ lines(memberIds: ["spy"]) { id } }', {}, await asUser('planner@spy')));
    const reads = proxy.captured.slice(before).filter((c) => c.kind === 'http');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    const viewers = new Set<unknown>();
    for (const read of reads) viewers.add((await replayEverywhere(read)).sub);
    // (The cluster's planner may read through the spy meanwhile too: its tokens are bound the same way.)
    expect([...viewers]).toEqual(expect.arrayContaining(['admin@lead', 'planner@spy']));
    // Every fetch had its own token: no two captured requests share one.
    const all = proxy.captured.filter((c) => c.authorization);
    expect(new Set(all.map((c) => c.authorization)).size).toBe(all.length);

    // 3. A subscription's upstream connection to the spy.
    const beforeWs = proxy.captured.length;
    const subscriber = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await cluster.token('admin@spy')}` },
      retryAttempts: 0,
    });
    clients.push(subscriber);
    const stop = subscriber.subscribe(
      { query: 'subscription { lineStatusChanged(memberIds: ["spy"]) { seq } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    const init = await waitFor(
      'the upstream connection_init',
      async () => proxy.captured.slice(beforeWs).find((c) => c.kind === 'ws' && c.authorization),
      15_000,
      50,
    );
    await waitFor('the upstream subscribe', async () => proxy.captured.slice(beforeWs).find((c) => c.kind === 'ws' && c.query), 15_000, 50);
    expect((await replayEverywhere(init)).sub).toBe('admin@spy');
    stop();

    // Nothing the spy saw moved anyone: cast is still where it was, and still answers.
    const cast = expectNoErrors(await gql(cluster.gatewayUrl, '{ lines(memberIds: ["cast"]) { id } }', {}, await asUser('admin@cast')));
    expect((cast['lines'] as unknown[]).length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a user token issued in the future', async () => {
    const stored = JSON.parse(readFileSync(join(cluster.rootDir, 'data', 'gateway', 'demo-issuer-key.json'), 'utf8')) as { privateJwk: JWK };
    const key = await importJWK(stored.privateJwk, 'ES256');
    const sign = (iat: number) =>
      new SignJWT({ member_id: 'lead', roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', kid: stored.privateJwk.kid! })
        .setIssuer(`${cluster.gatewayOrigin}/auth`)
        .setAudience('clustergraph')
        .setSubject('admin@lead')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600 * 24 * 400)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const aYearAhead = await gql(cluster.gatewayUrl, '{ me { userId } }', {}, { token: await sign(now + 365 * 24 * 3600) });
    expect(aYearAhead.status).toBe(401);
    expect(aYearAhead.errors?.[0]?.message).toMatch(/issued in the future/);
    // A few seconds of clock difference pass.
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ me { userId } }', {}, { token: await sign(now + 20) }))['me']).toEqual({ userId: 'admin@lead' });
  });
});

/** A user token for `memberId` signed with the demo issuer's key, as an OIDC issuer would sign it (the registry is not asked). */
async function issuerToken(memberId: string): Promise<string> {
  const stored = JSON.parse(readFileSync(join(cluster.rootDir, 'data', 'gateway', 'demo-issuer-key.json'), 'utf8')) as { privateJwk: JWK };
  return new SignJWT({ member_id: memberId, roles: ['admin', 'planner'] })
    .setProtectedHeader({ alg: 'ES256', kid: stored.privateJwk.kid! })
    .setIssuer(`${cluster.gatewayOrigin}/auth`)
    .setAudience('clustergraph')
    .setSubject(`admin@${memberId}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(stored.privateJwk, 'ES256'));
}

async function demoTokenAnswer(login: string) {
  const res = await fetch(`${cluster.gatewayOrigin}/auth/demo-token?user=${encodeURIComponent(login)}`);
  return { status: res.status, body: (await res.json()) as { token?: string; code?: string; status?: string } };
}

describe('the registry decides roles and status', () => {
  const PROGRAMME = 'mutation($input: SupportProgrammeInput!) { createSupportProgramme(input: $input) { id } }';
  const INSIGHTS = '{ member(id: "cast") { id maturity { level } } }';

  it('gives an applicant that asked for ANCHOR no role and no access until the leader approves, and then only what was granted', async () => {
    const leader = await asUser('admin@lead');
    const applied = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id status roles requestedRoles } }',
        { input: { id: 'bigco', name: 'Big Anchor Co.', roles: ['ANCHOR'], region: 'Ulsan', endpoint: 'http://127.0.0.1:9/graphql' } },
        leader,
      ),
    );
    expect(applied['registerMember']).toEqual({ id: 'bigco', status: 'PENDING', roles: [], requestedRoles: ['ANCHOR'] });
    await waitFor('the gateway sees the applicant', async () => (await demoTokenAnswer('admin@bigco')).status === 403);

    // PENDING: no sign-in, and a token from the firm's own issuer does not act either.
    const signIn = await demoTokenAnswer('admin@bigco');
    expect(signIn).toMatchObject({ status: 403, body: { code: 'MEMBER_NOT_ACTIVE', status: 'PENDING' } });
    expect(signIn.body.token).toBeUndefined();
    const pendingToken = await issuerToken('bigco');
    for (const [query, variables] of [
      [INSIGHTS, {}],
      [PROGRAMME, { input: { name: 'Mine', supplierIds: ['cast'] } }],
    ] as const) {
      const answer = await gql(cluster.gatewayUrl, query, variables, { token: pendingToken, purpose: 'AI_TRANSITION' });
      expect(answer.status).toBe(403);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_NOT_ACTIVE', memberId: 'bigco', status: 'PENDING' });
      expect(answer.data ?? null).toBeNull();
    }
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ supportProgrammes { id } }', {}, leader))['supportProgrammes']).toEqual([]);

    // The leader approves it as a PARTNER: its users sign in, with PARTNER only.
    expectNoErrors(await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "bigco", roles: [PARTNER]) { roles } }', {}, leader));
    const token = await waitFor('bigco signs in', async () => (await demoTokenAnswer('admin@bigco')).body.token);
    const me = expectNoErrors(await gql(cluster.gatewayUrl, '{ me { memberId memberRoles } }', {}, { token }));
    expect(me['me']).toEqual({ memberId: 'bigco', memberRoles: ['PARTNER'] });
    // No anchor defaults for it: cast's AI insights are refused (the leader's default grant still works).
    const insights = await gql(cluster.gatewayUrl, INSIGHTS, {}, { token, purpose: 'AI_TRANSITION' });
    expect(insights.errors?.find((e) => e.path?.includes('maturity'))?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      category: 'AI_INSIGHTS',
      memberId: 'cast',
    });
    const asLeader = await gql(cluster.gatewayUrl, INSIGHTS, {}, await asUser('admin@lead', 'AI_TRANSITION'));
    expect(asLeader.errors?.find((e) => e.extensions?.['code'] === 'FORBIDDEN')).toBeUndefined();
    const programme = await gql(cluster.gatewayUrl, PROGRAMME, { input: { name: 'Mine', supplierIds: ['cast'] } }, { token, purpose: 'AI_TRANSITION' });
    expect(programme.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', required: 'ANCHOR' });
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ supportProgrammes { id } }', {}, leader))['supportProgrammes']).toEqual([]);
  }, 60_000);

  it('stops a SUSPENDED firm within the routing refresh: sign-in, reads, writes and its open subscription', async () => {
    const heatToken = await cluster.token('admin@heat');
    const before = expectNoErrors(await gql(cluster.gatewayUrl, '{ member(id: "heat") { smartFactoryLevel } }', {}, { token: heatToken }));
    const level = (before['member'] as { smartFactoryLevel: number }).smartFactoryLevel;

    const socket: { acked: boolean; closedWith: { code: number; reason: string } | null; ended: unknown } = { acked: false, closedWith: null, ended: null };
    const subscriber = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${heatToken}` },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => (socket.acked = true), closed: (event) => (socket.closedWith = event as { code: number; reason: string }) },
      onNonLazyError: () => {},
    });
    clients.push(subscriber);
    subscriber.subscribe(
      { query: 'subscription { lineStatusChanged(memberIds: ["heat"]) { seq } }' },
      { next: () => {}, error: (error) => (socket.ended = error), complete: () => (socket.ended = 'complete') },
    );
    await waitFor('the subscription is open', async () => socket.acked, 10_000, 50);

    const suspendedAt = Date.now();
    expectNoErrors(
      await gql(cluster.gatewayUrl, 'mutation { suspendMember(id: "heat", reason: "quality audit failed") { status } }', {}, await asUser('admin@lead')),
    );
    await waitFor('the subscription ends', async () => socket.closedWith !== null && socket.ended !== null, 10_000, 50);
    // ROUTING_REFRESH_MS is 1 s in the test cluster: the next poll or the one after.
    expect(Date.now() - suspendedAt).toBeLessThan(5000);
    expect(socket.closedWith!.code).toBe(4403);
    expect(socket.closedWith!.reason).toMatch(/heat is SUSPENDED/);

    expect(await demoTokenAnswer('admin@heat')).toMatchObject({ status: 403, body: { code: 'MEMBER_NOT_ACTIVE', status: 'SUSPENDED' } });
    const read = await gql(cluster.gatewayUrl, '{ lines(memberIds: ["cast"]) { id } }', {}, { token: heatToken });
    expect(read.status).toBe(403);
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_NOT_ACTIVE', memberId: 'heat', status: 'SUSPENDED' });
    const write = await gql(
      cluster.gatewayUrl,
      `mutation { setSmartFactoryLevel(memberId: "heat", level: ${level === 5 ? 4 : level + 1}) { smartFactoryLevel } }`,
      {},
      { token: heatToken },
    );
    expect(write.status).toBe(403);
    expect(write.errors?.[0]?.extensions?.['code']).toBe('MEMBER_NOT_ACTIVE');
    expect(await gatewaySocket(`Bearer ${heatToken}`)).toBe(4403);

    // Nothing was written: once re-approved, heat's level is what it was.
    expectNoErrors(await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "heat") { status } }', {}, await asUser('admin@lead')));
    const after = await waitFor('heat back', async () => {
      const r = await gql(cluster.gatewayUrl, '{ member(id: "heat") { smartFactoryLevel } }', {}, { token: heatToken });
      return r.status === 200 ? r.data : null;
    });
    expect((after!['member'] as { smartFactoryLevel: number }).smartFactoryLevel).toBe(level);
  }, 60_000);
});
