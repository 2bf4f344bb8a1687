import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LinesDocument, MembersDocument, createClusterGraphClient, persistedIdOf } from '@clustergraph/sdk';
import { NORMAL_QUERY, aliasedLinesQuery, expectNoErrors, gql, nestedMembersQuery, startTestCluster, type TestCluster } from '@clustergraph/test';

/**
 * Issue 13, "bounded cost": each attack of the report, reproduced against a real cluster
 * (gateway, cluster subgraph and three members as processes) and refused before it runs.
 */

const TRUSTED_ID = 'a'.repeat(64);
const TRUSTED_QUERY = 'query TrustedMembers { members { id name } }';

let cluster: TestCluster;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-trusted-'));
  const manifest = join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [TRUSTED_ID]: TRUSTED_QUERY }));
  cluster = await startTestCluster({
    gatewayEnv: {
      MEMBER_TIMEOUT_MS: '1500',
      BREAKER_FAILURES: '2',
      BREAKER_OPEN_MS: '1000',
      MAX_UPSTREAMS_PER_READER: '30',
      TRUSTED_DOCUMENTS_FILE: manifest,
      TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS: 'true',
      // A load balancer in front of the gateway, played by connections from 127.0.0.2.
      TRUSTED_PROXIES: '127.0.0.2',
    },
  });
});

afterAll(async () => {
  await cluster?.dispose();
});

/** Lets every rate-limit window (one second) pass, so that one test's burst does not spill into the next. */
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, 1100));

async function membersHealthy(): Promise<boolean> {
  const answers = await Promise.all(
    ['lead', 'cast', 'heat'].map((id) =>
      fetch(new URL('/health', cluster.memberUrl(id)), { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}

describe('operation limits at the gateway', () => {
  it('refuses the 299-byte nested members/lines query before any member sees it', async () => {
    const query = nestedMembersQuery();
    expect(Buffer.byteLength(query)).toBe(299);
    const token = await cluster.token('admin@cast');
    const started = performance.now();
    const result = await gql(cluster.gatewayUrl, query, {}, { token });
    const ms = performance.now() - started;
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'DEPTH_LIMIT_EXCEEDED', limit: 10 }) })]);
    expect(ms).toBeLessThan(2000); // refused, not computed (the report saw ≈ 25 s of timeouts)
    expect(await membersHealthy()).toBe(true);
    // A normal query still works at once.
    expectNoErrors(await gql(cluster.gatewayUrl, NORMAL_QUERY, {}, { token: await cluster.token('admin@lead'), purpose: 'MONITORING' }));
  });

  it('refuses 1,000 aliased lines by the parser token limit, and 100 by the alias limit', async () => {
    const token = await cluster.token('admin@cast');
    const thousand = await gql(cluster.gatewayUrl, aliasedLinesQuery(1000), {}, { token });
    expect(thousand.status).toBe(400);
    expect(thousand.errors?.[0]?.extensions).toMatchObject({ code: 'TOKEN_LIMIT_EXCEEDED', limit: 5000 });
    const hundred = await gql(cluster.gatewayUrl, aliasedLinesQuery(100), {}, { token });
    expect(hundred.status).toBe(400);
    expect(hundred.errors?.[0]?.extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', limit: 30, actual: 100 });
  });

  it('refuses a wide query by its list-aware cost', async () => {
    const result = await gql(
      cluster.gatewayUrl,
      'query Wide { members { lines { recentEvents(limit: 1000) { seq } } } }',
      {},
      { token: await cluster.token('admin@cast') },
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50_000 });
  });

  it('answers a persisted query whose hash does not match with a code, not INTERNAL_SERVER_ERROR', async () => {
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cluster { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(res.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cluster { name } }', variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
  });
});

describe('rate limits', () => {
  it('answers 600 requests in about a second from one user with 429s, RATE_LIMITED and Retry-After', async () => {
    await nextWindow();
    const token = await cluster.token('planner@heat');
    const started = performance.now();
    // Each request on a connection of its own, all sent at once (a pooled client would send
    // them only as fast as answers come back).
    const answers = await Promise.all(
      Array.from({ length: 600 }, () => rawPost(JSON.stringify({ query: '{ cluster { name } }' }), { authorization: `Bearer ${token}` })),
    );
    const ms = performance.now() - started;
    const refused = answers.filter((a) => a.status === 429);
    const answered = answers.filter((a) => a.status === 200);
    // At most 50 of the user's requests run per second elapsed (one window more for the one they straddle);
    // every other is refused — however slowly a loaded machine lets them arrive.
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThanOrEqual(50 * (Math.ceil(ms / 1000) + 1));
    expect(refused.length).toBe(600 - answered.length);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(a.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    await nextWindow();
    // Other users of other firms were never held up for longer than the window.
    expectNoErrors(await gql(cluster.gatewayUrl, '{ cluster { name } }', {}, { token: await cluster.token('admin@lead') }));
  });
});

function rawPost(
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter: string | undefined; body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      cluster.gatewayUrl,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw graphql-transport-ws client that records every message and the close. */
async function rawSocket(token: string, headers: Record<string, string> = {}, localAddress?: string) {
  const socket = new WebSocket(cluster.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers, ...(localAddress ? { localAddress } : {}) });
  const messages: Array<{ type: string; id?: string; payload?: any }> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  socket.on('error', () => {});
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}`, purpose: 'MONITORING' } }));
  const until = async (predicate: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; messages: ${JSON.stringify(messages.slice(-5))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await until(() => messages.some((m) => m.type === 'connection_ack'));
  return { socket, messages, closed, until };
}

describe('WebSocket limits', () => {
  it('counts a socket behind the trusted proxy against the client it names, and a direct one against its peer', async () => {
    const token = await cluster.token('admin@cast');
    // Behind the balancer: the client wrote an address of its own, the balancer appended the real one.
    const proxied = await rawSocket(token, { 'x-forwarded-for': '10.66.0.1, 10.20.30.40' }, '127.0.0.2');
    // Directly, with a header nobody vouches for.
    const direct = await rawSocket(token, { 'x-forwarded-for': '10.20.30.41' });
    const debug = (await (
      await fetch(`${cluster.gatewayOrigin}/debug/subscriptions`, { headers: { authorization: `Bearer ${await cluster.token('admin@lead')}` } })
    ).json()) as { connectionsByAddress: Record<string, number> };
    expect(debug.connectionsByAddress['10.20.30.40']).toBe(1);
    expect(debug.connectionsByAddress['127.0.0.1']).toBeGreaterThanOrEqual(1);
    for (const never of ['10.66.0.1', '10.20.30.41', '127.0.0.2']) expect(debug.connectionsByAddress[never], never).toBeUndefined();
    proxied.socket.close();
    direct.socket.close();
  });

  it('closes a socket that sends a 90 MB frame (1009) without parsing it, and keeps serving', async () => {
    const { socket, closed } = await rawSocket(await cluster.token('admin@cast'));
    socket.send(Buffer.alloc(90 * 1024 * 1024, 0x20));
    const close = await closed;
    expect(close.code).toBe(1009);
    const health = await fetch(new URL('/health', cluster.gatewayOrigin));
    expect(health.status).toBe(200);
  });

  it('runs at most 25 subscriptions on one socket and bounds the upstreams of one reader', async () => {
    await nextWindow();
    const { socket, messages, until } = await rawSocket(await cluster.token('admin@lead'));
    for (let i = 0; i < 100; i++) {
      // Each subscription distinct (its own lines), so none shares an upstream with another.
      socket.send(
        JSON.stringify({
          id: `s${i}`,
          type: 'subscribe',
          payload: { query: 'subscription ($l: [ID!]) { lineStatusChanged(lineIds: $l) { seq } }', variables: { l: [`line-${i}`] } },
        }),
      );
    }
    await until(() => messages.filter((m) => m.type === 'error').length >= 90);
    await new Promise((r) => setTimeout(r, 500));
    const errors = messages.filter((m) => m.type === 'error');
    const codes = errors.map((m) => m.payload[0].extensions.code as string);
    const tooMany = codes.filter((c) => c === 'TOO_MANY_SUBSCRIPTIONS').length;
    const upstream = codes.filter((c) => c === 'UPSTREAM_LIMIT_EXCEEDED').length;
    expect(tooMany + upstream).toBe(codes.length);
    // 25 may be pending on the socket at once (a refused one frees its slot)…
    expect(tooMany).toBeGreaterThanOrEqual(60);
    // …and with 3 members each, 10 subscriptions fill the reader's 30 upstreams: those 10 run.
    expect(upstream).toBeGreaterThanOrEqual(15);
    expect(100 - errors.length).toBe(10);
    socket.close();
  });

  it('applies the operation limits to operations sent over graphql-ws', async () => {
    await nextWindow();
    const { socket, messages, until } = await rawSocket(await cluster.token('admin@cast'));
    socket.send(JSON.stringify({ id: 'deep', type: 'subscribe', payload: { query: nestedMembersQuery() } }));
    socket.send(
      JSON.stringify({
        id: 'wide',
        type: 'subscribe',
        payload: { query: `subscription { lineStatusChanged { ${Array.from({ length: 40 }, (_, i) => `s${i}: seq`).join(' ')} } }` },
      }),
    );
    await until(() => messages.filter((m) => m.id === 'deep' || m.id === 'wide').length >= 2);
    const deep = messages.find((m) => m.id === 'deep')!;
    const wide = messages.find((m) => m.id === 'wide')!;
    expect(deep.type === 'next' ? deep.payload.errors[0].extensions.code : deep.payload[0].extensions.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(wide.type).toBe('error');
    expect(wide.payload[0].extensions.code).toBe('ALIAS_LIMIT_EXCEEDED');
    socket.close();
  });
});

describe('trusted documents', () => {
  it('lets a browser send only manifest ids, and other clients anything', async () => {
    await nextWindow();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(cluster.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as any }),
      );
    const origin = { origin: cluster.gatewayOrigin };
    const free = await post({ query: '{ members { id } }' }, origin);
    expect(free.status).toBe(400);
    expect(free.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    const byId = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: TRUSTED_ID } } }, origin);
    expect(byId.status).toBe(200);
    expect(byId.body.data.members.map((m: { id: string }) => m.id).sort()).toEqual(['cast', 'heat', 'lead']);
    const fromCli = await post({ query: '{ members { id } }' });
    expect(fromCli.status).toBe(200);
    // The SDK (console, CLI) sends the persisted ids codegen generated; the gateway knows them all.
    const sent: string[] = [];
    const browserSdk = createClusterGraphClient({
      endpoint: cluster.gatewayUrl,
      token: await cluster.token('admin@lead'),
      purpose: 'MONITORING',
      fetch: (input, init) => {
        sent.push(String(init?.body));
        return fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: cluster.gatewayOrigin } });
      },
    });
    const members = await browserSdk.request(MembersDocument, {});
    expect(members.members.map((m) => m.id).sort()).toEqual(['cast', 'heat', 'lead']);
    await browserSdk.request(LinesDocument, {});
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[0]!)).toEqual({ extensions: { persistedQuery: { version: 1, sha256Hash: persistedIdOf(MembersDocument) } }, variables: {} });
    // Over graphql-ws too: the socket's upgrade request had an Origin.
    const { socket, messages, until } = await rawSocket(await cluster.token('admin@lead'), origin);
    socket.send(JSON.stringify({ id: 'free', type: 'subscribe', payload: { query: 'subscription { lineStatusChanged { seq } }' } }));
    await until(() => messages.some((m) => m.id === 'free'));
    expect(messages.find((m) => m.id === 'free')!.payload[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    socket.close();
  });
});

describe('circuit breaker', () => {
  it('answers MEMBER_UNAVAILABLE at once for a member stopped with SIGSTOP after the first timeouts, and closes when it answers again', async () => {
    await nextWindow();
    const heat = cluster.members.get('heat')!;
    const token = await cluster.token('admin@lead');
    const timed = async () => {
      const started = performance.now();
      const result = await gql(cluster.gatewayUrl, NORMAL_QUERY, {}, { token, purpose: 'MONITORING' });
      return { ms: performance.now() - started, result };
    };
    const heatErrors = (r: Awaited<ReturnType<typeof timed>>) => (r.result.errors ?? []).filter((e) => e.extensions?.['memberId'] === 'heat');
    process.kill(heat.pid!, 'SIGSTOP');
    try {
      const first = await timed();
      const second = await timed();
      expect(first.ms).toBeGreaterThanOrEqual(1400);
      expect(second.ms).toBeGreaterThanOrEqual(1400);
      expect(heatErrors(first)[0]?.extensions?.['code']).toBe('MEMBER_UNAVAILABLE');
      // The circuit is open: no more waiting for the stopped member.
      for (let i = 0; i < 5; i++) {
        const fast = await timed();
        expect(fast.ms).toBeLessThan(1000);
        expect(heatErrors(fast)[0]).toMatchObject({ extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'heat' } });
        expect(heatErrors(fast)[0]!.message).toMatch(/circuit is open/);
        // The other members' lines are still there.
        const memberIds = new Set((fast.result.data?.['lines'] as Array<{ memberId: string }> | undefined)?.map((l) => l.memberId));
        expect(memberIds).toEqual(new Set(['lead', 'cast']));
      }
    } finally {
      process.kill(heat.pid!, 'SIGCONT');
    }
    // The background probe finds it answering again and closes the circuit.
    const deadline = Date.now() + 15_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      const again = await timed();
      recovered = heatErrors(again).length === 0 && (again.result.data?.['lines'] as Array<{ memberId: string }>).some((l) => l.memberId === 'heat');
    }
    expect(recovered).toBe(true);
  });
});
