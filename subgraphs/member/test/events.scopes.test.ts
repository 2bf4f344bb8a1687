import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte } from 'drizzle-orm';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { dataUsage } from '../src/db/sovereignty.ts';
import { dataOf } from './harness.ts';
import { LINE_STATUS_CHANGED, REPORT, addLines, eventInput, startLiveMember, type LiveMember } from './events.support.ts';

// Delivery per reader scope (events/readerScopes.ts): subscribers that read with the same
// identity, operation and variables share one decision and one execution per event — and the
// ledger still counts every record served to each of them and every refusal, and a revocation
// still stops every one of them.

async function report(member: LiveMember, events: Array<Record<string, unknown>>): Promise<number[]> {
  return dataOf(await member.gql(REPORT, { events }))['reportLineEvents'].events.map((e: { seq: number }) => e.seq);
}

const GRANT = `mutation { grantSharing(memberId: "acme", input: { category: LINE_STATUS, grantee: "elsewhere", purpose: MONITORING }) { id } }`;
const REVOKE = `mutation($id: ID!) { revokeSharing(memberId: "acme", policyId: $id) { revokedAt } }`;

async function ledgerRows(member: LiveMember, since: Date) {
  await new Promise((r) => setTimeout(r, 800)); // the scope's batch, then the ledger's flush interval
  return (
    await member.app.database.db
      .select()
      .from(dataUsage)
      .where(and(eq(dataUsage.readerMemberId, 'elsewhere'), gte(dataUsage.at, since)))
  ).filter((r) => r.category === 'LINE_STATUS');
}

describe('reader scopes on one member', () => {
  let member: LiveMember;

  beforeAll(async () => {
    member = await startLiveMember('events-scopes');
    await addLines(member, ['a', 'b']);
  });
  afterAll(async () => member?.stop());

  it('counts one refusal per withheld subscription, though they share one scope', async () => {
    const since = new Date();
    const subs = [0, 1, 2].map(() => member.subscribe(LINE_STATUS_CHANGED, {}, member.strangerToken));
    for (const sub of subs) await sub.until((s) => s.notices.length === 1, 10_000, 'the withheld notice');
    expect((await member.health())['lineEvents'].readerScopes).toBe(1);
    await report(member, [eventInput('a', 'DOWN', { reasonCode: 'WITHHELD' })]);
    const rows = await ledgerRows(member, since);
    expect(rows.filter((r) => r.allowed)).toEqual([]);
    expect(rows.filter((r) => !r.allowed).reduce((n, r) => n + r.records, 0)).toBe(3);
    for (const sub of subs) expect(sub.events).toEqual([]);
    await Promise.all(subs.map((s) => s.close()));
  });

  it('delivers each event to every subscriber of a scope and counts every record served to each of them', async () => {
    const policyId = dataOf(await member.gql(GRANT))['grantSharing'].id as string;
    try {
      const same = [0, 1, 2].map(() => member.subscribe(LINE_STATUS_CHANGED, {}, member.strangerToken));
      const onlyB = member.subscribe(LINE_STATUS_CHANGED, { lineIds: ['b'] }, member.strangerToken);
      await new Promise((r) => setTimeout(r, 500));
      expect((await member.health())['lineEvents'].readerScopes).toBe(2);
      const since = new Date();
      const seqs = await report(member, [
        eventInput('a', 'RUNNING'),
        eventInput('b', 'DOWN', { reasonCode: 'E-STOP' }),
        eventInput('a', 'IDLE'),
        eventInput('b', 'RUNNING'),
      ]);
      for (const sub of same) await sub.untilCount(4);
      await onlyB.untilCount(2);
      for (const sub of same) {
        expect(sub.seqs).toEqual(seqs);
        expect(sub.events[1]).toMatchObject({ lineId: 'b', state: 'DOWN', reasonCode: 'E-STOP', line: { id: 'b', status: { state: expect.any(String) } } });
      }
      expect(onlyB.seqs).toEqual([seqs[1], seqs[3]]);
      // Each delivery is one LINE_STATUS event plus its line's status (Line.status, through the field guard): 3 × 4 + 1 × 2 deliveries.
      const rows = await ledgerRows(member, since);
      expect(rows.filter((r) => !r.allowed)).toEqual([]);
      expect(rows.filter((r) => r.allowed).reduce((n, r) => n + r.records, 0)).toBe(2 * (3 * 4 + 2));
      expect(rows.every((r) => r.policyId === policyId && r.readerUserId === 'someone@elsewhere')).toBe(true);
      await Promise.all([...same, onlyB].map((s) => s.close()));
      await new Promise((r) => setTimeout(r, 300));
      expect((await member.health())['lineEvents'].readerScopes).toBe(0);
    } finally {
      await member.gql(REVOKE, { id: policyId });
    }
  });
});

describe.skipIf(!(await postgresReachable()))('a revocation on another replica', () => {
  let first: LiveMember;
  let second: LiveMember;

  beforeAll(async () => {
    first = await startLiveMember('events-scopes-replicas');
    second = await startLiveMember('events-scopes-replicas', { testDatabase: first.testDatabase });
    await addLines(first, ['l1']);
  });
  afterAll(async () => {
    await second?.stop({ drop: false });
    await first?.stop();
  });

  it('stops every subscriber of the scope within 0.5 s, and the refusal is counted for each', async () => {
    const policyId = dataOf(await first.gql(GRANT))['grantSharing'].id as string;
    const subs = [0, 1].map(() => first.subscribe(LINE_STATUS_CHANGED, {}, first.strangerToken));
    await new Promise((r) => setTimeout(r, 500));
    const [shared] = await report(first, [eventInput('l1', 'RUNNING')]);
    for (const sub of subs) await sub.until((s) => s.seqs.includes(shared!), 10_000, 'the shared event');
    const since = new Date();
    // Revoked through the other replica: this one hears of it by NOTIFY (or its 2-s poll).
    dataOf(await second.gql(REVOKE, { id: policyId }));
    await new Promise((r) => setTimeout(r, 500));
    // Half a second after the revocation answered, an event stored on either replica reaches nobody.
    await report(first, [eventInput('l1', 'DOWN', { reasonCode: 'AFTER_REVOKE' })]);
    await report(second, [eventInput('l1', 'IDLE', { reasonCode: 'AFTER_REVOKE' })]);
    await new Promise((r) => setTimeout(r, 500));
    for (const sub of subs) {
      expect(sub.seqs).toEqual([shared]);
      expect(sub.notices.at(-1)!.withheld.map((w) => w.memberId)).toEqual(['acme']);
    }
    const refused = (await ledgerRows(first, since)).filter((r) => !r.allowed);
    expect(refused.reduce((n, r) => n + r.records, 0)).toBe(2);
    await Promise.all(subs.map((s) => s.close()));
  });
});
