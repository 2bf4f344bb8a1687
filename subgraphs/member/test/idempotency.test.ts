import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotentWrites } from '../src/db/schema.ts';
import { fingerprintOf } from '../src/idempotency/idempotentWrites.ts';
import { dataOf, startMember, type RunningMember } from './harness.ts';

// Writes idempotent by a client key, on a real member (real database): a retry with the same
// Idempotency-Key gets the first answer and writes nothing again (issue 13).
const GRANT = `mutation($input: SharingPolicyInput!) { grantSharing(memberId: "acme", input: $input) { id grantee category } }`;
const POLICIES = `{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { sharingPolicies { id grantee category } } } }`;

let member: RunningMember;
// Gateway tokens are single-use: each of these mints a fresh one per request.
let admin: () => Promise<string>;
let otherAdmin: () => Promise<string>;

async function policiesFor(grantee: string): Promise<string[]> {
  const policies = dataOf(await member.gql(POLICIES, {}, { token: await admin() }))['_entities'][0].sharingPolicies as Array<{ id: string; grantee: string }>;
  return policies.filter((p) => p.grantee === grantee).map((p) => p.id);
}
const grant = async (grantee: string, key: string | null, token = admin) =>
  member.gql(
    GRANT,
    { input: { category: 'CAPACITY', grantee, purpose: 'JOINT_PLANNING' } },
    { token: await token(), ...(key ? { headers: { 'idempotency-key': key } } : {}) },
  );

// The same on both drivers: PGlite serialises the claim differently from PostgreSQL.
describe.each(['postgres', 'pglite'] as const)('Idempotency-Key on member writes (%s)', (driver) => {
  beforeAll(async () => {
    member = await startMember(`member-idempotency-${driver}`, { driver });
    admin = () => member.tokenFor({ userId: 'admin@acme', memberId: 'acme', roles: ['admin'] });
    otherAdmin = () => member.tokenFor({ userId: 'admin2@acme', memberId: 'acme', roles: ['admin'] });
  }, 120_000);
  afterAll(async () => {
    await member?.stop();
  });

  describe('with a key', () => {
    it('without a key, the same write twice writes twice (the control)', async () => {
      dataOf(await grant('ctl', null));
      dataOf(await grant('ctl', null));
      expect(await policiesFor('ctl')).toHaveLength(2);
    });

    it('with a key, a retry gets the first answer, marked as a replay, and nothing is written again', async () => {
      const first = await grant('heat', 'grant-heat-0001');
      const retry = await grant('heat', 'grant-heat-0001');
      expect(first.errors).toBeUndefined();
      expect(retry.data).toEqual(first.data);
      expect((retry as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ idempotentReplay: true });
      expect(await policiesFor('heat')).toEqual([first.data!['grantSharing'].id]);
    });

    it('two requests with one key at the same moment write once and answer alike', async () => {
      const [a, b] = await Promise.all([grant('cast', 'grant-cast-0001'), grant('cast', 'grant-cast-0001')]);
      expect(a.errors).toBeUndefined();
      expect(b.data).toEqual(a.data);
      expect(await policiesFor('cast')).toHaveLength(1);
    });

    it('refuses the same key for another request, and writes nothing', async () => {
      dataOf(await grant('mill', 'grant-mill-0001'));
      const reused = await grant('coat', 'grant-mill-0001');
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotency-key' });
      expect(await policiesFor('coat')).toEqual([]);
    });

    it('keeps keys per user: another user with the same key writes (and never sees the first answer)', async () => {
      const first = await grant('lead', 'shared-key-0001');
      const other = await grant('lead', 'shared-key-0001', otherAdmin);
      expect(other.errors).toBeUndefined();
      expect(other.data!['grantSharing'].id).not.toBe(first.data!['grantSharing'].id);
      expect(await policiesFor('lead')).toHaveLength(2);
    });

    it('replays a refused write as refused, and refuses a malformed key', async () => {
      const refused = await grant('acme', 'grant-self-0001');
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const again = await grant('acme', 'grant-self-0001');
      expect(again.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
      const malformed = await grant('tiny', 'short');
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotency-key' });
      expect(await policiesFor('tiny')).toEqual([]);
    });

    it('takes over a claim whose first request died without an answer (after 5 minutes), and writes once', async () => {
      const variables = { input: { category: 'CAPACITY', grantee: 'orphan', purpose: 'JOINT_PLANNING' } };
      await member.app.database.db.insert(idempotentWrites).values({
        caller: 'acme/admin@acme',
        key: 'orphan-key-0001',
        fingerprint: fingerprintOf({ query: GRANT, variables }),
        createdAt: new Date(Date.now() - 6 * 60_000),
      });
      const taken = await grant('orphan', 'orphan-key-0001');
      expect(taken.errors).toBeUndefined();
      const replay = await grant('orphan', 'orphan-key-0001');
      expect(replay.data).toEqual(taken.data);
      expect(await policiesFor('orphan')).toHaveLength(1);
    });

    it('leaves queries alone', async () => {
      const read = await member.gql(POLICIES, {}, { token: await admin(), headers: { 'idempotency-key': 'read-key-0001' } });
      const again = await member.gql(POLICIES, {}, { token: await admin(), headers: { 'idempotency-key': 'read-key-0001' } });
      expect((again as { extensions?: unknown }).extensions).toBeUndefined();
      expect(again.data).toEqual(read.data);
    });
  });
});
