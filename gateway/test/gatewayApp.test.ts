import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { createTestSigningKeys } from '@clustergraph/runtime/testing';
import { testVerifiers, type TestVerifiers } from './support/verifiers.ts';
import { createGatewayApp, type GatewayApp } from '../src/app.ts';
import { loadGatewayConfig } from '../src/config.ts';
import { startFakeCluster, type FakeCluster } from './support/fakeCluster.ts';
import { startFakeMember, type FakeMember } from './support/fakeMember.ts';

let verifiers: TestVerifiers;
let cluster: FakeCluster;
let members: FakeMember[];
let gateway: GatewayApp;
let url: string;
const extra: FakeMember[] = [];

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function post(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: GraphQLAnswer }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer };
}

const codes = (answer: GraphQLAnswer) => (answer.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.extensions?.['memberId']]);

beforeAll(async () => {
  const keys = await createTestSigningKeys();
  verifiers = testVerifiers(keys.publicKeyFile);
  members = await Promise.all(['a', 'b', 'c'].map(async (id) => startFakeMember(id, await verifiers.member(id))));
  cluster = await startFakeCluster(
    members.map((m) => ({ id: m.memberId, name: `Firm ${m.memberId.toUpperCase()}`, roles: ['PARTNER'], status: 'ACTIVE' as const, endpoint: m.url })),
    await verifiers.cluster(),
  );
  const config = loadGatewayConfig({
    CLUSTER_URL: cluster.url,
    SIGNING_KEY_FILE: join(keys.dir, 'gateway-signing-key.json'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cg-gateway-')),
    MEMBER_TIMEOUT_MS: '1000',
    CLUSTER_TIMEOUT_MS: '1000',
    ROUTING_REFRESH_MS: '200',
  });
  gateway = await createGatewayApp(config, silentLogger);
  ({ url } = await gateway.start(0, '127.0.0.1'));
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([cluster, ...members, ...extra].map((s) => s?.close()));
});

describe('gateway app', () => {
  it('answers a query across the registry and every member, forwarding an anonymous viewer', async () => {
    const { status, body } = await post('{ members { id name lines { id name } } }', { 'x-clustergraph-purpose': 'benchmarking' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      members: members.map((m) => ({
        id: m.memberId,
        name: `Firm ${m.memberId.toUpperCase()}`,
        lines: [1, 2].map((n) => ({ id: `${m.memberId}-line-${n}`, name: `${m.memberId} line ${n}` })),
      })),
    });
    const lastCall = members[1]!.received.at(-1)!;
    expect(lastCall.query).toContain('_entities');
    expect(lastCall.variables['representations']).toEqual([{ __typename: 'Member', id: 'b' }]);
    expect(lastCall.auth).toEqual({ viewer: null, purpose: 'BENCHMARKING', system: false, requestId: expect.any(String) });
  });

  it('combines a member root field with registry data about each line’s member', async () => {
    const { body } = await post('{ lines(memberIds: ["c", "a"]) { id member { name } } }');
    expect(body.errors).toBeUndefined();
    expect((body.data!['lines'] as Array<{ id: string; member: { name: string } }>).map((l) => [l.id, l.member.name])).toEqual([
      ['c-line-1', 'Firm C'],
      ['c-line-2', 'Firm C'],
      ['a-line-1', 'Firm A'],
      ['a-line-2', 'Firm A'],
    ]);
  });

  it('sends a mutation to the member it names; an unknown member is bad input', async () => {
    const { body } = await post('mutation { setSmartFactoryLevel(memberId: "b", level: 4) { id smartFactoryLevel } }');
    expect(body).toEqual({ data: { setSmartFactoryLevel: { id: 'b', smartFactoryLevel: 4 } } });
    const unknown = await post('mutation { setSmartFactoryLevel(memberId: "nobody", level: 4) { id } }');
    expect(codes(unknown.body)).toEqual([[['setSmartFactoryLevel'], 'BAD_USER_INPUT', 'nobody']]);
  });

  it('refuses a mutation that writes to two firms before sending anything (issue 13)', async () => {
    const before = members.map((m) => m.received.length);
    const { status, body } = await post(
      'mutation { x: setSmartFactoryLevel(memberId: "a", level: 5) { id } y: setSmartFactoryLevel(memberId: "b", level: 1) { id } }',
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e) => e.extensions?.['code'])).toEqual(['MULTI_PART_WRITE']);
    expect(body.errors![0]!.extensions).toMatchObject({ memberIds: ['a', 'b'], fields: ['x', 'y'] });
    expect(members.map((m) => m.received.length)).toEqual(before);
  });

  it('forwards an Idempotency-Key with a write, and refuses a malformed one with 400', async () => {
    const { body } = await post('mutation { setSmartFactoryLevel(memberId: "c", level: 2) { id } }', { 'idempotency-key': 'client-key-0001' });
    expect(body.errors).toBeUndefined();
    expect(members[2]!.received.at(-1)!.headers['idempotency-key']).toBe('client-key-0001');
    const malformed = await post('mutation { setSmartFactoryLevel(memberId: "c", level: 2) { id } }', { 'idempotency-key': 'has spaces in it' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotency-key' });
  });

  it('refuses an unknown purpose with 400 BAD_USER_INPUT', async () => {
    const { status, body } = await post('{ lines { id } }', { 'x-clustergraph-purpose': 'gossip' });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('serves health and its public signing key', async () => {
    const health = await (await fetch(url.replace('/graphql', '/health'))).json();
    expect(health).toMatchObject({ status: 'ok', routing: { loaded: true, active: 3 } });
    const jwks = (await (await fetch(url.replace('/graphql', '/.well-known/jwks.json'))).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
    expect(jwks.keys[0]!['d']).toBeUndefined();
  });

  it('routes a member approved at run time without a restart', async () => {
    const newcomer = await startFakeMember('d', await verifiers.member('d'));
    extra.push(newcomer);
    cluster.registry.push({ id: 'd', name: 'Firm D', roles: ['ANCHOR'], status: 'ACTIVE', endpoint: newcomer.url });
    const deadline = Date.now() + 10_000;
    let ids: string[] = [];
    while (Date.now() < deadline && !ids.includes('d-line-1')) {
      ids = ((await post('{ lines { id } }')).body.data!['lines'] as Array<{ id: string }>).map((l) => l.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ids).toContain('d-line-1');
  });

  it('keeps the rest of the answer when a member is down', async () => {
    await members[2]!.close();
    const { status, body } = await post('{ members { id lines { id } } lines { id } }');
    expect(status).toBe(200);
    const rows = body.data!['members'] as Array<{ id: string; lines: unknown[] | null }>;
    expect(rows.find((m) => m.id === 'c')!.lines).toBeNull();
    expect(rows.find((m) => m.id === 'a')!.lines).toHaveLength(2);
    expect((body.data!['lines'] as unknown[]).length).toBe(6);
    expect(codes(body)).toEqual(
      expect.arrayContaining([
        [['members', 2], 'MEMBER_UNAVAILABLE', 'c'],
        [['lines'], 'MEMBER_UNAVAILABLE', 'c'],
      ]),
    );
  });

  it('keeps serving member data when the cluster subgraph is down', async () => {
    await cluster.close();
    const members = await post('{ members { id } }');
    expect(members.status).toBe(200);
    expect(members.body.errors![0]!.extensions?.['code']).toBe('CLUSTER_UNAVAILABLE');
    const lines = await post('{ lines(memberIds: ["a"]) { id } }');
    expect(lines.body).toEqual({ data: { lines: [{ id: 'a-line-1' }, { id: 'a-line-2' }] } });
  });
});
