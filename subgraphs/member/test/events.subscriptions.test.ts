import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { and, eq, gte } from 'drizzle-orm';
import { dataUsage } from '../src/db/sovereignty.ts';
import { dataOf } from './harness.ts';
import { LINE_STATUS_CHANGED, REPORT, addLines, eventInput, isRun, startLiveMember, type LiveMember } from './events.support.ts';

// graphql-ws on the member's /graphql with real sockets: live delivery in seq order, filters,
// resume (replay, then live, no gap, no duplicate), per-event access, and two member
// processes' worth of apps on ONE database both delivering every event.

async function report(member: LiveMember, events: Array<Record<string, unknown>>): Promise<number[]> {
  return dataOf(await member.gql(REPORT, { events }))['reportLineEvents'].events.map((e: { seq: number }) => e.seq);
}

describe('lineStatusChanged on one member', () => {
  let member: LiveMember;

  beforeAll(async () => {
    member = await startLiveMember('events-subs');
    await addLines(member, ['a', 'b']);
  });
  afterAll(async () => member?.stop());

  it('delivers live events in seq order with the line and member resolved', async () => {
    const sub = member.subscribe(LINE_STATUS_CHANGED);
    await new Promise((r) => setTimeout(r, 200)); // subscribed before the events are written
    const seqs = await report(member, [eventInput('a', 'RUNNING'), eventInput('b', 'DOWN', { reasonCode: 'E-STOP' }), eventInput('a', 'IDLE')]);
    await sub.untilCount(3);
    expect(sub.seqs).toEqual(seqs);
    expect(sub.events[1]).toMatchObject({
      memberId: 'acme',
      lineId: 'b',
      state: 'DOWN',
      reasonCode: 'E-STOP',
      line: { id: 'b', name: 'Line b', status: { state: 'DOWN' } },
      member: { id: 'acme' },
    });
    expect(sub.events[2]).toMatchObject({ state: 'IDLE', previousState: 'RUNNING' });
    await sub.close();
  });

  it('filters by line and state, and by member id', async () => {
    const onlyB = member.subscribe(LINE_STATUS_CHANGED, { lineIds: ['b'] });
    const onlyDown = member.subscribe(LINE_STATUS_CHANGED, { states: ['DOWN'] });
    const other = member.subscribe(LINE_STATUS_CHANGED, { memberIds: ['someone-else'] });
    await new Promise((r) => setTimeout(r, 200));
    const seqs = await report(member, [
      eventInput('a', 'DOWN', { reasonCode: 'TOOL_BREAK' }),
      eventInput('b', 'RUNNING'),
      eventInput('b', 'DOWN', { reasonCode: 'HYDRAULIC' }),
    ]);
    await onlyB.untilCount(2);
    await onlyDown.untilCount(2);
    expect(onlyB.seqs).toEqual([seqs[1], seqs[2]]);
    expect(onlyDown.seqs).toEqual([seqs[0], seqs[2]]);
    await other.until((s) => s.completed, 5_000, 'completion');
    expect(other.events).toEqual([]);
  });

  it('resumes after a cursor: replay, then live, without gap or duplicate while events keep coming', async () => {
    const start = (await report(member, [eventInput('a')]))[0]!;
    await report(
      member,
      Array.from({ length: 30 }, (_, i) => eventInput(i % 2 ? 'a' : 'b', i % 3 ? 'RUNNING' : 'IDLE')),
    );
    // Writers keep going while the subscriber replays and switches to live.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await report(member, [eventInput('a'), eventInput('b')]);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const sub = member.subscribe(LINE_STATUS_CHANGED, {
      resumeFrom: [
        { memberId: 'other', seq: 999 },
        { memberId: 'acme', seq: start },
      ],
    });
    await sub.untilCount(60);
    writing = false;
    await writer;
    const last = dataOf(await member.gql('{ lineEvents(afterSeq: 0, limit: 1000) { seq } }'))['lineEvents'].at(-1).seq as number;
    await sub.until((s) => s.seqs.at(-1) === last, 10_000, `seq ${last}`);
    expect(isRun(sub.seqs, start + 1, last - start)).toBe(true);
    await sub.close();
  });

  it('replays only matching events with filters and a cursor', async () => {
    const seqs = await report(member, [
      eventInput('a', 'DOWN', { reasonCode: 'E-STOP' }),
      eventInput('b', 'DOWN', { reasonCode: 'E-STOP' }),
      eventInput('a', 'RUNNING'),
    ]);
    const sub = member.subscribe(LINE_STATUS_CHANGED, { lineIds: ['a'], states: ['DOWN', 'RUNNING'], resumeFrom: [{ memberId: 'acme', seq: seqs[0]! - 1 }] });
    await sub.untilCount(2);
    expect(sub.seqs).toEqual([seqs[0], seqs[2]]);
    await sub.close();
  });

  it('refuses a reader without a LINE_STATUS grant and rejects bad cursors', async () => {
    const stranger = member.subscribe(LINE_STATUS_CHANGED, {}, member.strangerToken);
    await stranger.until((s) => s.errors.length > 0, 5_000, 'an error');
    expect(JSON.stringify(stranger.errors)).toMatch(/FORBIDDEN/);
    const bad = member.subscribe(LINE_STATUS_CHANGED, { resumeFrom: [{ memberId: 'acme', seq: -1 }] });
    await bad.until((s) => s.errors.length > 0, 5_000, 'an error');
    expect(JSON.stringify(bad.errors)).toMatch(/resumeFrom\[0\]\.seq/);
    await stranger.close();
  });

  it('tells a reader without a grant once, opens on a grant and closes on a revocation without resubscribing, one refusal each', async () => {
    const since = new Date();
    const grant = `mutation { grantSharing(memberId: "acme", input: { category: LINE_STATUS, grantee: "elsewhere", purpose: MONITORING }) { id } }`;
    const sub = member.subscribe(LINE_STATUS_CHANGED, {}, member.strangerToken);
    await sub.until((s) => s.errors.length > 0, 5_000, 'the withheld notice');
    for (let i = 0; i < 20; i++) await report(member, [eventInput('a', i % 2 ? 'RUNNING' : 'IDLE')]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events).toEqual([]);
    expect(sub.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'LINE_STATUS', memberId: 'acme', reason: 'NO_POLICY' }) }),
    ]);
    expect(sub.notices.map((n) => n.withheld.map((w) => w.memberId))).toEqual([['acme']]);
    expect(sub.completed).toBe(false);

    const policyId = dataOf(await member.gql(grant))['grantSharing'].id as string;
    // The grant answers once running subscriptions decided again: the next event goes out.
    const [granted] = await report(member, [eventInput('b', 'DOWN', { reasonCode: 'AFTER_GRANT' })]);
    await sub.until((s) => s.events.length === 1, 5_000, 'the first event after the grant');
    expect(sub.seqs).toEqual([granted]);
    expect(sub.notices.map((n) => n.withheld.length)).toEqual([1, 0]);

    dataOf(await member.gql(`mutation($id: ID!) { revokeSharing(memberId: "acme", policyId: $id) { revokedAt } }`, { id: policyId }));
    // Reported right after the revocation answered: never delivered.
    await report(member, [eventInput('b', 'RUNNING', { reasonCode: 'AFTER_REVOKE' })]);
    await sub.until((s) => s.notices.length === 3, 5_000, 'the second withheld notice');
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.seqs).toEqual([granted]);
    expect(sub.completed).toBe(false);

    // The ledger: one refusal at the start, one after the revocation, and the delivered event — not one per event.
    await new Promise((r) => setTimeout(r, 700)); // the ledger's flush interval
    const rows = (
      await member.app.database.db
        .select()
        .from(dataUsage)
        .where(and(eq(dataUsage.readerMemberId, 'elsewhere'), gte(dataUsage.at, since)))
    ).filter((r) => r.category === 'LINE_STATUS');
    // Two refusals, not one per event. The ledger sums one subscription's entries of one decision
    // that wait for the same flush (every 500 ms): the revocation can come within that of the start
    // (20 reports and 300 ms on a fast machine), and then both are one row of 2.
    expect(rows.filter((r) => !r.allowed).reduce((n, r) => n + r.records, 0)).toBe(2);
    // Allowed: the one event delivered, and its line's status (selected in LINE_STATUS_CHANGED, read through the field guard).
    expect(rows.filter((r) => r.allowed).reduce((n, r) => n + r.records, 0)).toBe(2);
    await sub.close();
  });

  it("opens and closes with a grant's validity window, at its edges, without any write", async () => {
    const from = new Date(Date.now() + 1000);
    const until = new Date(from.getTime() + 1500);
    const grant = `mutation($from: DateTime!, $until: DateTime!) { grantSharing(memberId: "acme", input: { category: LINE_STATUS, grantee: "elsewhere", purpose: MONITORING, validFrom: $from, validUntil: $until }) { id } }`;
    dataOf(await member.gql(grant, { from: from.toISOString(), until: until.toISOString() }));
    const sub = member.subscribe(LINE_STATUS_CHANGED, {}, member.strangerToken);
    await sub.until((s) => s.notices.length === 1, 5_000, 'the withheld notice');
    await sub.until((s) => s.notices.length === 2, 5_000, 'the window opening');
    const openedAt = Date.now();
    expect(openedAt).toBeGreaterThanOrEqual(from.getTime());
    expect(openedAt - from.getTime()).toBeLessThan(500);
    const [inside] = await report(member, [eventInput('a', 'RUNNING', { reasonCode: 'IN_WINDOW' })]);
    await sub.until((s) => s.seqs.includes(inside!), 5_000, 'the event inside the window');
    await sub.until((s) => s.notices.length === 3, 5_000, 'the window closing');
    expect(Date.now() - until.getTime()).toBeLessThan(500);
    await report(member, [eventInput('a', 'IDLE', { reasonCode: 'AFTER_WINDOW' })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.seqs).toEqual([inside]);
    expect(sub.notices.map((n) => n.withheld.length)).toEqual([1, 0, 1]);
    await sub.close();
  });

  it('stops delivering to a closed subscriber (no listener left behind)', async () => {
    const before = (await member.health())['lineEvents'].subscribers;
    const watchersBefore = (await member.health())['lineEvents'].policyWatchers as number;
    const sub = member.subscribe(LINE_STATUS_CHANGED);
    // Subscribed before the event is written (without a cursor, an event stored earlier is not sent).
    for (let waited = 0; (await member.health())['lineEvents'].subscribers < before + 1; waited += 20) {
      if (waited > 5_000) throw new Error('the subscription did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    await member.gql(REPORT, { events: [eventInput('a')] });
    await sub.untilCount(1);
    expect((await member.health())['lineEvents'].subscribers).toBe(before + 1);
    expect((await member.health())['lineEvents'].policyWatchers).toBe(watchersBefore + 1);
    await sub.close();
    await new Promise((r) => setTimeout(r, 200));
    expect((await member.health())['lineEvents'].subscribers).toBe(before);
    // Its LINE_STATUS gate stopped listening for policy changes too.
    expect((await member.health())['lineEvents'].policyWatchers).toBe(watchersBefore);
  });
});

describe.skipIf(!(await postgresReachable()))('two member instances on one database', () => {
  let first: LiveMember;
  let second: LiveMember;

  beforeAll(async () => {
    first = await startLiveMember('events-replicas');
    second = await startLiveMember('events-replicas', { testDatabase: first.testDatabase });
    await addLines(first, ['l1', 'l2']);
  });
  afterAll(async () => {
    await second?.stop({ drop: false });
    await first?.stop();
  });

  it('both deliver every event, in seq order, whichever instance stored it', async () => {
    const subs = [first.subscribe(LINE_STATUS_CHANGED), second.subscribe(LINE_STATUS_CHANGED), second.subscribe(LINE_STATUS_CHANGED, { lineIds: ['l2'] })];
    await new Promise((r) => setTimeout(r, 300));
    // Concurrent writers on both instances: seqs interleave across the two processes' transactions.
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        report(i % 2 ? first : second, [eventInput('l1', 'RUNNING'), eventInput('l2', i % 4 ? 'RUNNING' : 'DOWN', i % 4 ? {} : { reasonCode: 'MOLD_TEMP' })]),
      ),
    );
    const all = written.flat().sort((a, b) => a - b);
    expect(isRun(all, 1, 40)).toBe(true);
    for (const sub of subs.slice(0, 2)) {
      await sub.untilCount(40);
      expect(isRun(sub.seqs, 1, 40)).toBe(true);
    }
    await subs[2]!.untilCount(20);
    expect(subs[2]!.events.every((e) => e['lineId'] === 'l2')).toBe(true);
    // Line.status agrees on both instances (each moved its cache by the events it delivered).
    const statusOf = async (m: LiveMember) => dataOf(await m.gql('{ lines { id status { state since seq reasonCode } } }'))['lines'];
    expect(await statusOf(second)).toEqual(await statusOf(first));
  });
});
