import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { TestDatabase } from '@clustergraph/runtime/testing';
import { members } from '../src/index.ts';
import { createRegistryDatabase, dataOf, REGISTER, startRegistry, type RunningRegistry } from './registryHarness.ts';

let database: TestDatabase;
let registry: RunningRegistry;

beforeAll(async () => {
  database = await createRegistryDatabase('lifecycle');
  registry = await startRegistry({ database });
});
afterAll(async () => {
  await registry?.stop();
  await database?.drop();
});

const castInput = { id: 'cast', name: 'Cast Partner Co.', roles: ['PARTNER'], region: 'Gimhae', endpoint: 'http://127.0.0.1:4102/graphql' };
const rowCount = async () => (await registry.app.database.db.select({ n: count() }).from(members))[0]?.n ?? 0;

describe('cluster registry: authentication', () => {
  it('refuses a request without a gateway token with 401', async () => {
    const answer = await registry.post('{ cluster { id } }', {}, null);
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('serves the public profile to anonymous visitors', async () => {
    const data = dataOf(await registry.post('{ cluster { id name region industry leaderId memberCount } }'));
    expect(data['cluster']).toEqual({
      id: 'test-cluster',
      name: 'Test EV Parts Cluster',
      region: 'Busan',
      industry: 'EV parts',
      leaderId: 'lead',
      memberCount: 0,
    });
  });
});

describe('cluster registry: register → approve → suspend', () => {
  it('registers an applicant as PENDING', async () => {
    const data = dataOf(await registry.post(REGISTER, { input: castInput }, 'partnerAdmin'));
    // The roles an applicant names are a request: nothing is granted before the leader approves.
    expect(data['registerMember']).toMatchObject({
      id: 'cast',
      name: 'Cast Partner Co.',
      roles: [],
      requestedRoles: ['PARTNER'],
      status: 'PENDING',
      region: 'Gimhae',
      statusReason: null,
    });
    expect(new Date(data['registerMember'].joinedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Applicants are not counted as members yet.
    expect(dataOf(await registry.post('{ cluster { memberCount } }'))['cluster'].memberCount).toBe(0);
  });

  it('refuses a duplicate id with CONFLICT on input.id', async () => {
    const answer = await registry.post(REGISTER, { input: { ...castInput, name: 'Another Cast' } }, 'partnerAdmin');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(await rowCount()).toBe(1);
  });

  it('lets only the leader’s admins approve', async () => {
    for (const caller of ['partnerAdmin', 'leaderPlanner', 'anonymous'] as const) {
      const answer = await registry.post('mutation { approveMember(id: "cast") { status } }', {}, caller);
      expect(answer.errors?.[0]?.extensions?.['code'], caller).toBe('FORBIDDEN');
    }
    expect(dataOf(await registry.post('{ member(id: "cast") { status } }'))['member'].status).toBe('PENDING');

    const approved = dataOf(await registry.post('mutation { approveMember(id: "cast") { id status statusReason roles } }', {}, 'leaderAdmin'));
    expect(approved['approveMember']).toEqual({ id: 'cast', status: 'ACTIVE', statusReason: null, roles: ['PARTNER'] });
    expect(dataOf(await registry.post('{ cluster { memberCount } }'))['cluster'].memberCount).toBe(1);
  });

  it('suspends with a reason, and approval lifts it', async () => {
    const forbidden = await registry.post('mutation { suspendMember(id: "cast", reason: "late") { status } }', {}, 'partnerAdmin');
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const blank = await registry.post('mutation { suspendMember(id: "cast", reason: "  ") { status } }', {}, 'leaderAdmin');
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const suspended = dataOf(
      await registry.post('mutation { suspendMember(id: "cast", reason: " quality audit failed ") { status statusReason } }', {}, 'leaderAdmin'),
    );
    expect(suspended['suspendMember']).toEqual({ status: 'SUSPENDED', statusReason: 'quality audit failed' });

    const back = dataOf(await registry.post('mutation { approveMember(id: "cast") { status statusReason } }', {}, 'leaderAdmin'));
    expect(back['approveMember']).toEqual({ status: 'ACTIVE', statusReason: null });
  });

  it('grants the roles the leader approves, not those an applicant asked for', async () => {
    const applied = dataOf(
      await registry.post(REGISTER, { input: { ...castInput, id: 'big', name: 'Big Anchor Co.', roles: ['ANCHOR', 'PARTNER'] } }, 'partnerAdmin'),
    );
    expect(applied['registerMember']).toMatchObject({ roles: [], requestedRoles: ['ANCHOR', 'PARTNER'], status: 'PENDING' });
    // An applicant is not an ANCHOR anywhere: not in the role filter, not in the gateway's routing table.
    expect(dataOf(await registry.post('{ members(role: ANCHOR) { id } }'))['members']).toEqual([]);
    const routing = dataOf(await registry.post('{ routingTable { memberId roles status } }', {}, 'gateway'))['routingTable'];
    expect(routing.find((r: { memberId: string }) => r.memberId === 'big')).toEqual({ memberId: 'big', roles: [], status: 'PENDING' });

    const leaderRole = await registry.post('mutation { approveMember(id: "big", roles: [LEADER]) { status } }', {}, 'leaderAdmin');
    expect(leaderRole.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    const none = await registry.post('mutation { approveMember(id: "big", roles: []) { status } }', {}, 'leaderAdmin');
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    expect(dataOf(await registry.post('{ member(id: "big") { status roles } }'))['member']).toEqual({ status: 'PENDING', roles: [] });

    const approved = dataOf(await registry.post('mutation { approveMember(id: "big", roles: [PARTNER]) { status roles requestedRoles } }', {}, 'leaderAdmin'));
    expect(approved['approveMember']).toEqual({ status: 'ACTIVE', roles: ['PARTNER'], requestedRoles: ['ANCHOR', 'PARTNER'] });
    // Suspended and approved again without roles: what was granted stays, the request does not come back.
    dataOf(await registry.post('mutation { suspendMember(id: "big", reason: "audit") { status } }', {}, 'leaderAdmin'));
    const back = dataOf(await registry.post('mutation { approveMember(id: "big") { status roles } }', {}, 'leaderAdmin'));
    expect(back['approveMember']).toEqual({ status: 'ACTIVE', roles: ['PARTNER'] });
  });

  it('answers NOT_FOUND for an unknown member', async () => {
    const answer = await registry.post('mutation { approveMember(id: "nobody") { status } }', {}, 'leaderAdmin');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('moves an endpoint for the leader only after checking the new server (registry-move.test.ts moves one)', async () => {
    const bad = await registry.post('mutation { updateMemberEndpoint(id: "cast", endpoint: "ftp://x/graphql") { id } }', {}, 'leaderAdmin');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpoint' });
    const forbidden = await registry.post('mutation { updateMemberEndpoint(id: "cast", endpoint: "http://10.0.0.9/graphql") { id } }', {}, 'heatAdmin');
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const before = dataOf(await registry.post('{ routingTable { memberId endpoint } }', {}, 'gateway'))['routingTable'];

    // Nothing answers there: not routed.
    const unreachable = await registry.post('mutation { updateMemberEndpoint(id: "cast", endpoint: "http://127.0.0.1:9/graphql") { id } }', {}, 'leaderAdmin');
    expect(unreachable.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_UNREACHABLE', field: 'endpoint', memberId: 'cast' });
    expect(dataOf(await registry.post('{ routingTable { memberId endpoint } }', {}, 'gateway'))['routingTable']).toEqual(before);
  });

  it('never lets the gateway’s system identity change the registry: a person decides', async () => {
    const before = await registry.post('{ members { id status endpoint } }');
    for (const mutation of [
      `mutation { registerMember(input: { id: "heat", name: "Heat Treat Co.", roles: [PARTNER], endpoint: "http://127.0.0.1/heat/graphql" }) { id } }`,
      'mutation { approveMember(id: "cast") { status } }',
      'mutation { suspendMember(id: "cast", reason: "gateway says so") { status } }',
      'mutation { updateMemberEndpoint(id: "cast", endpoint: "http://10.6.6.6/graphql") { id } }',
    ]) {
      const answer = await registry.post(mutation, {}, 'gateway');
      expect(answer.errors?.[0]?.extensions?.['code'], mutation).toBe('FORBIDDEN');
    }
    expect(await registry.post('{ members { id status endpoint } }')).toEqual(before);
  });
});

describe('cluster registry: registration validation', () => {
  const expectRejected = async (input: Record<string, unknown>, field: string) => {
    const before = await rowCount();
    const answer = await registry.post(REGISTER, { input }, 'partnerAdmin');
    expect(answer.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.data).toBeNull();
    expect(await rowCount()).toBe(before);
  };

  it('names the bad field and writes nothing', async () => {
    await expectRejected({ ...castInput, id: 'x1', name: '   ' }, 'input.name');
    await expectRejected({ ...castInput, id: 'Bad_Id' }, 'input.id');
    await expectRejected({ ...castInput, id: 'a' }, 'input.id');
    await expectRejected({ ...castInput, id: 'x2', roles: [] }, 'input.roles');
    await expectRejected({ ...castInput, id: 'x3', endpoint: 'not a url' }, 'input.endpoint');
    await expectRejected({ ...castInput, id: 'x4', endpoint: 'mailto:ops@example.kr' }, 'input.endpoint');
    // Only the configured leader may hold the LEADER role.
    await expectRejected({ ...castInput, id: 'usurper', roles: ['LEADER'] }, 'input.roles');
    // A Hangul-only name derives no id; the applicant must give one.
    await expectRejected({ ...castInput, id: null, name: '부산주조' }, 'input.id');
  });

  it('lists every problem, not only the first', async () => {
    const answer = await registry.post(REGISTER, { input: { id: 'x5', name: '', roles: [], endpoint: 'nope' } }, 'partnerAdmin');
    const problems = answer.errors?.[0]?.extensions?.['problems'] as Array<{ field: string }>;
    expect(problems.map((p) => p.field)).toEqual(['input.name', 'input.roles', 'input.endpoint']);
  });

  it('derives the id from the name when none is given', async () => {
    const data = dataOf(
      await registry.post(
        REGISTER,
        { input: { name: 'Daehan Precision CNC', roles: ['PARTNER', 'PARTNER'], endpoint: 'http://127.0.0.1:4105/graphql' } },
        'partnerAdmin',
      ),
    );
    expect(data['registerMember']).toMatchObject({ id: 'daehan-precision-cnc', roles: [], requestedRoles: ['PARTNER'], region: null, status: 'PENDING' });
  });

  it('refuses anonymous applicants', async () => {
    const answer = await registry.post(REGISTER, { input: { ...castInput, id: 'anon' } }, 'anonymous');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('cluster registry: public reads', () => {
  it('filters members by role and status', async () => {
    const all = dataOf(await registry.post('{ members { id status } }'))['members'] as Array<{ id: string; status: string }>;
    expect(all.map((m) => m.id)).toEqual(['cast', 'big', 'daehan-precision-cnc']);
    const active = dataOf(await registry.post('{ members(status: ACTIVE) { id } }'))['members'];
    expect(active).toEqual([{ id: 'cast' }, { id: 'big' }]);
    // Roles are the granted ones: big asked for ANCHOR and was granted PARTNER only.
    const anchors = dataOf(await registry.post('{ members(role: ANCHOR) { id } }'))['members'];
    expect(anchors).toEqual([]);
    const partners = dataOf(await registry.post('{ members(role: PARTNER) { id } }'))['members'];
    expect(partners).toEqual([{ id: 'cast' }, { id: 'big' }]);
    // An applicant holds no role until it is approved.
    const pendingPartners = dataOf(await registry.post('{ members(role: PARTNER, status: PENDING) { id } }'))['members'];
    expect(pendingPartners).toEqual([]);
  });

  it('answers null for an unknown member', async () => {
    expect(dataOf(await registry.post('{ member(id: "nobody") { id } }'))['member']).toBeNull();
  });
});
