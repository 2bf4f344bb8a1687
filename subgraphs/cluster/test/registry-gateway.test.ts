import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@clustergraph/runtime/testing';
import { createRegistryDatabase, dataOf, REGISTER, startRegistry, type RunningRegistry } from './registryHarness.ts';

let database: TestDatabase;
let registry: RunningRegistry;

beforeAll(async () => {
  database = await createRegistryDatabase('gateway');
  registry = await startRegistry({ database });
  for (const [id, roles] of [
    ['lead', ['LEADER', 'PARTNER']],
    ['cast', ['PARTNER']],
    ['big', ['ANCHOR']],
  ] as const) {
    dataOf(await registry.post(REGISTER, { input: { id, name: `${id} Co.`, roles, endpoint: `http://127.0.0.1/${id}/graphql` } }, 'leaderAdmin'));
  }
  dataOf(await registry.post('mutation { approveMember(id: "lead") { id } }', {}, 'leaderAdmin'));
  dataOf(await registry.post('mutation { approveMember(id: "cast") { id } }', {}, 'leaderAdmin'));
});
afterAll(async () => {
  await registry?.stop();
  await database?.drop();
});

const ROUTING = '{ routingTable { memberId name roles endpoint status } }';
const QUARANTINE = 'mutation($id: ID!, $reason: String!) { quarantineMember(id: $id, reason: $reason) { id status statusReason } }';

describe('cluster registry: the gateway’s fields', () => {
  it('gives the routing table to the gateway alone, with every member whatever its status', async () => {
    for (const caller of ['leaderAdmin', 'partnerAdmin', 'anonymous'] as const) {
      const answer = await registry.post(ROUTING, {}, caller);
      expect(answer.errors?.[0]?.extensions?.['code'], caller).toBe('FORBIDDEN');
      expect(answer.data).toBeNull();
    }
    const table = dataOf(await registry.post(ROUTING, {}, 'gateway'))['routingTable'];
    expect(table).toEqual([
      { memberId: 'lead', name: 'lead Co.', roles: ['LEADER', 'PARTNER'], endpoint: 'http://127.0.0.1/lead/graphql', status: 'ACTIVE' },
      { memberId: 'cast', name: 'cast Co.', roles: ['PARTNER'], endpoint: 'http://127.0.0.1/cast/graphql', status: 'ACTIVE' },
      // An applicant's requested ANCHOR is no role until the leader grants it.
      { memberId: 'big', name: 'big Co.', roles: [], endpoint: 'http://127.0.0.1/big/graphql', status: 'PENDING' },
    ]);
  });

  it('lets only the gateway quarantine, with the reason visible to everyone', async () => {
    for (const caller of ['leaderAdmin', 'partnerAdmin'] as const) {
      const answer = await registry.post(QUARANTINE, { id: 'cast', reason: 'nope' }, caller);
      expect(answer.errors?.[0]?.extensions?.['code'], caller).toBe('FORBIDDEN');
    }
    const reason = 'SDL incompatible: Line.processes missing';
    const quarantined = dataOf(await registry.post(QUARANTINE, { id: 'cast', reason }, 'gateway'));
    expect(quarantined['quarantineMember']).toEqual({ id: 'cast', status: 'QUARANTINED', statusReason: reason });
    expect(dataOf(await registry.post('{ member(id: "cast") { status statusReason } }'))['member']).toEqual({ status: 'QUARANTINED', statusReason: reason });

    // The leader lets it back in once the firm has fixed its MES.
    const approved = dataOf(await registry.post('mutation { approveMember(id: "cast") { status statusReason } }', {}, 'leaderAdmin'));
    expect(approved['approveMember']).toEqual({ status: 'ACTIVE', statusReason: null });
  });

  it('does not let a quarantine override the leader’s suspension', async () => {
    dataOf(await registry.post('mutation { suspendMember(id: "cast", reason: "contract dispute") { status } }', {}, 'leaderAdmin'));
    const answer = await registry.post(QUARANTINE, { id: 'cast', reason: 'SDL mismatch' }, 'gateway');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(dataOf(await registry.post('{ member(id: "cast") { status statusReason } }'))['member']).toEqual({
      status: 'SUSPENDED',
      statusReason: 'contract dispute',
    });
  });

  it('refuses an empty quarantine reason and an unknown member', async () => {
    const blank = await registry.post(QUARANTINE, { id: 'lead', reason: '' }, 'gateway');
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const unknown = await registry.post(QUARANTINE, { id: 'ghost', reason: 'gone' }, 'gateway');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('cluster registry: federation', () => {
  it('resolves Member entities in the order asked, null for unknown ids', async () => {
    const answer = dataOf(
      await registry.post('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Member { id name roles status } } }', {
        representations: ['big', 'ghost', 'lead', 'big'].map((id) => ({ __typename: 'Member', id })),
      }),
    );
    expect(answer['_entities']).toEqual([
      { id: 'big', name: 'big Co.', roles: [], status: 'PENDING' },
      null,
      { id: 'lead', name: 'lead Co.', roles: ['LEADER', 'PARTNER'], status: 'ACTIVE' },
      { id: 'big', name: 'big Co.', roles: [], status: 'PENDING' },
    ]);
  });

  it('publishes its SDL through _service, with the gateway-only fields marked @inaccessible', async () => {
    const sdl = dataOf(await registry.post('{ _service { sdl } }'))['_service'].sdl as string;
    expect(sdl).toMatch(/type Member\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/routingTable: \[RoutingEntry!\]! @inaccessible/);
  });
});
