import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { silentLogger, type Viewer } from '@clustergraph/runtime';
import { createTestSigningKeys } from '@clustergraph/runtime/testing';
import { testVerifiers } from './support/verifiers.ts';
import type { GatewayContext } from '../src/context.ts';
import { SubgraphHttpClient } from '../src/http/subgraphHttpClient.ts';
import { StaticMemberRoutes } from '../src/routing/memberRoutes.ts';
import { ServiceTokenCache } from '../src/serviceTokens.ts';
import { MemberShardRouter } from '../src/shard/memberShardRouter.ts';
import { startFakeMember, type FakeMember } from './support/fakeMember.ts';
import { deadEndpoint } from './support/graphqlTestServer.ts';

const viewer: Viewer = { userId: 'planner@a', memberId: 'a', roles: ['planner'], memberRoles: ['LEADER'] };
const TIMEOUT_MS = 300;

let members: FakeMember[];
let slow: FakeMember;
let http: SubgraphHttpClient;
let router: MemberShardRouter;

/** What the gateway's executor hands a data source for one fetch of a query plan. */
function planFetch(
  query: string,
  variables: Record<string, unknown> = {},
  idempotencyKey: string | null = null,
): GraphQLDataSourceProcessOptions<GatewayContext> {
  const context: GatewayContext = { viewer, purpose: 'JOINT_PLANNING', idempotencyKey };
  return {
    kind: 'incoming operation',
    request: { query, variables },
    context,
    incomingRequestContext: { context },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

const ENTITIES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Line { id name } ... on Member { id smartFactoryLevel } } }';

beforeAll(async () => {
  const { signer, publicKeyFile } = await createTestSigningKeys();
  const verifiers = testVerifiers(publicKeyFile);
  members = await Promise.all(['a', 'b', 'c'].map(async (id) => startFakeMember(id, await verifiers.member(id))));
  slow = await startFakeMember('slow', await verifiers.member('slow'));
  slow.delayMs = TIMEOUT_MS * 4;
  http = new SubgraphHttpClient();
  const routes = new StaticMemberRoutes(
    new Map<string, string | { unavailable: string }>([
      ...members.map((m) => [m.memberId, m.url] as [string, string]),
      ['slow', slow.url],
      ['down', await deadEndpoint()],
      ['suspended', { unavailable: 'its status is SUSPENDED' }],
    ]),
  );
  router = new MemberShardRouter({ routes, http, tokens: new ServiceTokenCache(signer), memberTimeoutMs: TIMEOUT_MS, logger: silentLogger });
});

afterAll(async () => {
  await Promise.all([...members, slow].map((m) => m.close()));
  await http.close();
});

const receivedSince = (member: FakeMember, before: number) => member.received.slice(before);

describe('MemberShardRouter: _entities', () => {
  it('sends each member only its representations and reassembles in the original order, duplicates included', async () => {
    const before = members.map((m) => m.received.length);
    const representations = [
      { __typename: 'Line', memberId: 'b', id: 'b-line-1' },
      { __typename: 'Member', id: 'a' },
      { __typename: 'Line', memberId: 'a', id: 'a-line-2' },
      { __typename: 'Line', memberId: 'b', id: 'b-line-1' },
    ];
    const response = await router.process(planFetch(ENTITIES, { representations }));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        { id: 'b-line-1', name: 'b line 1' },
        { id: 'a', smartFactoryLevel: 3 },
        { id: 'a-line-2', name: 'a line 2' },
        { id: 'b-line-1', name: 'b line 1' },
      ],
    });
    const [a, b, c] = members.map((m, i) => receivedSince(m, before[i]!));
    expect(a!.map((r) => r.variables['representations'])).toEqual([[representations[1], representations[2]]]);
    expect(b!.map((r) => r.variables['representations'])).toEqual([[representations[0], representations[3]]]);
    expect(c).toEqual([]);
    expect(a![0]!.auth).toEqual({ viewer, purpose: 'JOINT_PLANNING', system: false });
  });

  it('gives null plus MEMBER_UNAVAILABLE at each position of a member that is down, slow, unknown or not ACTIVE', async () => {
    const representations = [
      { __typename: 'Member', id: 'down' },
      { __typename: 'Line', memberId: 'c', id: 'c-line-1' },
      { __typename: 'Member', id: 'slow' },
      { __typename: 'Member', id: 'nobody' },
      { __typename: 'Member', id: 'suspended' },
      { __typename: 'Member', id: 'down' },
    ];
    const started = Date.now();
    const response = await router.process(planFetch(ENTITIES, { representations }));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
    expect(response.data).toEqual({ _entities: [null, { id: 'c-line-1', name: 'c line 1' }, null, null, null, null] });
    const errors = response.errors!.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['memberId']]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [['_entities', 0], 'MEMBER_UNAVAILABLE', 'down'],
        [['_entities', 5], 'MEMBER_UNAVAILABLE', 'down'],
        [['_entities', 2], 'MEMBER_UNAVAILABLE', 'slow'],
        [['_entities', 3], 'MEMBER_UNAVAILABLE', 'nobody'],
        [['_entities', 4], 'MEMBER_UNAVAILABLE', 'suspended'],
      ]),
    );
    expect(errors).toHaveLength(5);
    const messages = response.errors!.map((e) => e.message);
    expect(messages).toContain(`Member slow is unavailable: no answer within ${TIMEOUT_MS} ms`);
    expect(messages).toContain('Member nobody is unavailable: it is not registered in this cluster');
    expect(messages.find((m) => m.startsWith('Member down'))).toMatch(/connection failed/);
  });
});

describe('MemberShardRouter: root queries', () => {
  it('fans a root field out to its memberIds (variable) and concatenates in that order', async () => {
    const response = await router.process(planFetch('query($ids: [ID!]) { lines(memberIds: $ids) { id } }', { ids: ['c', 'a'] }));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ lines: [{ id: 'c-line-1' }, { id: 'c-line-2' }, { id: 'a-line-1' }, { id: 'a-line-2' }] });
  });

  it('keeps the answering members’ lists and reports the unavailable ones at the field', async () => {
    const response = await router.process(planFetch('{ mine: lines(memberIds: ["b", "down", "nobody"]) { id } }'));
    expect(response.data).toEqual({ mine: [{ id: 'b-line-1' }, { id: 'b-line-2' }] });
    expect(response.errors!.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['memberId']])).toEqual([
      [['mine'], 'MEMBER_UNAVAILABLE', 'down'],
      [['mine'], 'MEMBER_UNAVAILABLE', 'nobody'],
    ]);
  });
});

describe('MemberShardRouter: mutations', () => {
  it('sends each root mutation field to the member its memberId names, one after the other', async () => {
    const before = members.map((m) => m.received.length);
    const query =
      'mutation($m: ID!, $level: Int!) { upsertLine(memberId: $m, input: { id: "new", name: "New line" }) { id name } setSmartFactoryLevel(memberId: "c", level: $level) { id smartFactoryLevel } }';
    const response = await router.process(planFetch(query, { m: 'b', level: 5 }));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ upsertLine: { id: 'new', name: 'New line' }, setSmartFactoryLevel: { id: 'c', smartFactoryLevel: 5 } });
    const [a, b, c] = members.map((m, i) => receivedSince(m, before[i]!));
    expect(a).toEqual([]);
    expect(b!.map((r) => r.variables)).toEqual([{ m: 'b' }]);
    expect(c!.map((r) => r.variables)).toEqual([{ level: 5 }]);
  });

  it('rejects an unknown member as bad input and reports an unreachable one as unavailable', async () => {
    const unknown = await router.process(planFetch('mutation { setSmartFactoryLevel(memberId: "nobody", level: 2) { id } }'));
    expect(unknown.data).toEqual({ setSmartFactoryLevel: null });
    expect(unknown.errors).toEqual([
      {
        message: 'memberId: no member "nobody" in this cluster',
        path: ['setSmartFactoryLevel'],
        extensions: { code: 'BAD_USER_INPUT', field: 'memberId', memberId: 'nobody' },
      },
    ]);
    const down = await router.process(planFetch('mutation { setSmartFactoryLevel(memberId: "down", level: 2) { id } }'));
    expect(down.errors!.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['memberId']])).toEqual([
      [['setSmartFactoryLevel'], 'MEMBER_UNAVAILABLE', 'down'],
    ]);
  });

  it('reports a write whose answer did not arrive as WRITE_OUTCOME_UNKNOWN, and forwards the Idempotency-Key', async () => {
    const before = slow.received.length;
    const response = await router.process(planFetch('mutation { setSmartFactoryLevel(memberId: "slow", level: 4) { id } }', {}, 'key-0001-slow'));
    expect(response.data).toEqual({ setSmartFactoryLevel: null });
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toEqual({ code: 'WRITE_OUTCOME_UNKNOWN', memberId: 'slow', idempotencyKey: 'key-0001-slow' });
    expect(response.errors![0]!.message).toMatch(/may or may not have been applied \(no answer within 300 ms\); retry with the same Idempotency-Key/);
    // It was sent: the member got it, with the key.
    expect(slow.received.slice(before).map((r) => r.headers['idempotency-key'])).toEqual(['key-0001-slow']);
  });

  it('sends no Idempotency-Key with reads, and none with a write that has none', async () => {
    const before = members[0]!.received.length;
    await router.process(planFetch('query { lines(memberIds: ["a"]) { id } }', {}, 'key-0002-read'));
    await router.process(planFetch('mutation { setSmartFactoryLevel(memberId: "a", level: 2) { id } }'));
    expect(members[0]!.received.slice(before).map((r) => r.headers['idempotency-key'])).toEqual([undefined, undefined]);
  });

  it('stops at the first field that failed, as serial execution would', async () => {
    const before = members[0]!.received.length;
    const response = await router.process(
      planFetch('mutation { x: setSmartFactoryLevel(memberId: "down", level: 1) { id } y: setSmartFactoryLevel(memberId: "a", level: 1) { id } }'),
    );
    expect(response.data).toEqual({ x: null });
    expect(members[0]!.received.length).toBe(before);
  });
});
