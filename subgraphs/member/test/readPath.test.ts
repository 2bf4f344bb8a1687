import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, gte } from 'drizzle-orm';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { dataUsage, sharingPolicies } from '../src/db/sovereignty.ts';
import { policyChangesChannel } from '../src/sovereignty/policyChanges.ts';
import { dataOf, startMember, type RunningMember } from './harness.ts';

// The fast read path (issue 16) decides exactly as before: policies are cached in memory, but a
// change takes effect for the next request; ledger entries are batched, but none is lost.
const MONDAY = mondayOf(new Date());
const TO = addWeeks(MONDAY, 3);
const LEADER = { userId: 'planner@lead', memberId: 'lead', roles: ['planner'], memberRoles: ['LEADER'] };
const ADMIN = { userId: 'admin@acme', memberId: 'acme', roles: ['admin'], memberRoles: ['PARTNER'] };
const CAPACITY_QUERY = `query($from: Date!, $to: Date!) { _entities(representations: [{ __typename: "Member", id: "acme" }]) {
  ... on Member { capacity(from: $from, to: $to) { process weekStart availableHours } } } }`;

let member: RunningMember;

async function asLeader(query: string) {
  return member.gql(query, { from: MONDAY, to: TO }, { token: await member.tokenFor(LEADER) });
}
const codesOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  (response.errors ?? []).map((e) => [e.extensions?.['code'], e.extensions?.['category']]);

beforeAll(async () => {
  member = await startMember('member-read-path', { memberId: 'acme' });
  dataOf(
    await member.gql(`mutation($input: LineInput!) { upsertLine(memberId: "acme", input: $input) { id } }`, {
      input: { id: 'cast-1', name: 'Casting 1', processes: ['CASTING'], ratedUnitsPerHour: 20 },
    }),
  );
  dataOf(
    await member.gql(`mutation($input: [CapacityInput!]!) { setCapacity(memberId: "acme", input: $input) { weekStart } }`, {
      input: [0, 1, 2, 3].map((w) => ({ process: 'CASTING', weekStart: addWeeks(MONDAY, w), actualHours: 100, maximumHours: 120 })),
    }),
  );
});
afterAll(async () => {
  await member?.stop();
});

describe('cached sharing policies', () => {
  it('a revocation takes effect for the very next request, and a new grant too', async () => {
    const before = await asLeader(CAPACITY_QUERY);
    expect(before.errors).toBeUndefined();
    expect(before.data!['_entities'][0].capacity).toHaveLength(4);
    // Read again, so the policies are surely cached when the revocation comes.
    expect((await asLeader(CAPACITY_QUERY)).errors).toBeUndefined();

    dataOf(
      await member.gql(
        `mutation { revokeSharing(memberId: "acme", policyId: "default-capacity-leader") { id revokedAt } }`,
        {},
        { token: await member.tokenFor(ADMIN) },
      ),
    );
    const after = await asLeader(CAPACITY_QUERY);
    expect(after.data!['_entities'][0]).toEqual({ capacity: null });
    expect(codesOf(after)).toEqual([['FORBIDDEN', 'CAPACITY']]);

    const granted = dataOf(
      await member.gql(
        `mutation { grantSharing(memberId: "acme", input: { category: CAPACITY, grantee: "lead", purpose: JOINT_PLANNING }) { id } }`,
        {},
        { token: await member.tokenFor(ADMIN) },
      ),
    );
    const regranted = await asLeader(CAPACITY_QUERY);
    expect(regranted.errors).toBeUndefined();
    expect(regranted.data!['_entities'][0].capacity).toHaveLength(4);

    // A change committed by another replica (a direct write and its NOTIFY) reaches this one's cache too.
    await member.app.database.db
      .update(sharingPolicies)
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where(eq(sharingPolicies.id, granted['grantSharing'].id));
    await member.app.database.notify(policyChangesChannel('acme'), 'changed');
    const deadline = Date.now() + 10_000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      refused = codesOf(await asLeader(CAPACITY_QUERY)).length === 1;
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe(true);
  });

  it('refuses what no policy grants, every time, whatever was cached for another reader', async () => {
    // The leader may read capability (ANY_MEMBER) but not line status (no policy).
    const lines = `{ _entities(representations: [{ __typename: "Line", memberId: "acme", id: "cast-1" }, { __typename: "Line", memberId: "acme", id: "nope" }]) {
      ... on Line { id name status { state } } } }`;
    for (let i = 0; i < 3; i++) {
      const answer = await asLeader(lines);
      expect(answer.data!['_entities']).toEqual([{ id: 'cast-1', name: 'Casting 1', status: null }, null]);
      expect(codesOf(answer)).toEqual([['FORBIDDEN', 'LINE_STATUS']]);
    }
    // The owner sees it all.
    expect(dataOf(await member.gql(lines))['_entities'][0].status).toEqual({ state: 'IDLE' });
  });
});

describe('usage ledger off the request path', () => {
  it('counts every record served and every refusal, and writes what is buffered at shutdown', async () => {
    // One read served (4 capacity buckets) and one refused (a line's status): both are in the
    // ledger even though the member stops right after answering, before any timed flush.
    dataOf(
      await member.gql(
        `mutation { grantSharing(memberId: "acme", input: { category: CAPACITY, grantee: "LEADER", purpose: JOINT_PLANNING }) { id } }`,
        {},
        { token: await member.tokenFor(ADMIN) },
      ),
    );
    const since = new Date();
    const served = await asLeader(CAPACITY_QUERY);
    expect(served.data!['_entities'][0].capacity).toHaveLength(4);
    const refused = await asLeader(
      `{ _entities(representations: [{ __typename: "Line", memberId: "acme", id: "cast-1" }]) { ... on Line { status { state } } } }`,
    );
    expect(codesOf(refused)).toEqual([['FORBIDDEN', 'LINE_STATUS']]);

    member = await member.restart();
    const rows = await member.app.database.db.select().from(dataUsage).where(gte(dataUsage.at, since));
    const summary = rows
      .map((r) => ({ reader: r.readerMemberId, category: r.category, allowed: r.allowed, records: r.records }))
      .sort((a, b) => `${a.category}${a.allowed}`.localeCompare(`${b.category}${b.allowed}`));
    expect(summary).toEqual([
      { reader: 'lead', category: 'CAPABILITY', allowed: true, records: 1 },
      { reader: 'lead', category: 'CAPACITY', allowed: true, records: 4 },
      { reader: 'lead', category: 'LINE_STATUS', allowed: false, records: 1 },
    ]);
  });
});
