import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { dataOf, badInput } from './harness.ts';
import { REPORT, addLines, eventInput, startLiveMember, type LiveMember } from './events.support.ts';

// Ingest through the mutation on a real database, on both drivers: seq without gaps,
// idempotent eventIds, all-or-nothing validation naming the field, Line.status from events.
const drivers = (await postgresReachable()) ? (['postgres', 'pglite'] as const) : (['pglite'] as const);

describe.each(drivers)('line event ingest (%s)', (driver) => {
  let member: LiveMember;

  beforeAll(async () => {
    member = await startLiveMember(`events-ingest-${driver}`, { driver });
    await addLines(member, ['cnc-1', 'cnc-2', 'cnc-3']);
  });
  afterAll(async () => member?.stop());

  it('numbers events per member without gaps under concurrent calls', async () => {
    const calls = Array.from({ length: 25 }, (_, call) =>
      member.gql(REPORT, { events: Array.from({ length: 8 }, (_, i) => eventInput(`cnc-${(i % 3) + 1}`, i % 2 ? 'IDLE' : 'RUNNING', { goodCount: call })) }),
    );
    const results = await Promise.all(calls);
    const seqs = results.flatMap((r) => dataOf(r)['reportLineEvents'].events.map((e: { seq: number }) => e.seq)).sort((a: number, b: number) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Each call's events are contiguous: one call is one transaction in one batch.
    for (const r of results) {
      const own = dataOf(r)['reportLineEvents'].events.map((e: { seq: number }) => e.seq);
      expect(own).toEqual(own.map((_: number, i: number) => own[0] + i));
    }
  });

  it('is idempotent on eventId and says which events were duplicates', async () => {
    const first = eventInput('cnc-1', 'DOWN', { reasonCode: 'TOOL_BREAK' });
    const a = dataOf(await member.gql(REPORT, { events: [first] }))['reportLineEvents'];
    expect(a).toMatchObject({ accepted: 1, duplicates: 0 });
    const second = eventInput('cnc-2', 'RUNNING');
    const b = dataOf(await member.gql(REPORT, { events: [first, second] }))['reportLineEvents'];
    expect(b).toMatchObject({ accepted: 1, duplicates: 1 });
    // The duplicate answers with the event stored the first time, same seq.
    expect(b.events[0].seq).toBe(a.events[0].seq);
    expect(b.events[1].seq).toBe(a.events[0].seq + 1);
    const stored = dataOf(await member.gql('query($l: [ID!]) { lineEvents(lineIds: $l, limit: 1000) { eventId } }', { l: ['cnc-1'] }))['lineEvents'];
    expect(stored.filter((e: { eventId: string }) => e.eventId === first['eventId'])).toHaveLength(1);
  });

  it('writes nothing of a call with one bad event and names the field', async () => {
    const before = dataOf(await member.gql('{ lineEvents(limit: 1000) { seq } }'))['lineEvents'].length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [eventInput('no-such-line'), 'events[3].lineId'],
      [eventInput('cnc-1', 'RUNNING', { goodCount: -1 }), 'events[3].goodCount'],
      [eventInput('cnc-1', 'RUNNING', { at: new Date(Date.now() + 3_600_000).toISOString() }), 'events[3].at'],
      [eventInput('cnc-1', 'RUNNING', { cycleTimeSeconds: 0 }), 'events[3].cycleTimeSeconds'],
      [{ ...eventInput('cnc-1'), eventId: 'has space' }, 'events[3].eventId'],
    ];
    for (const [bad, field] of cases) {
      const events = [eventInput('cnc-1'), eventInput('cnc-2'), eventInput('cnc-3'), bad, eventInput('cnc-1')];
      expect(badInput(await member.gql(REPORT, { events })).field).toBe(field);
    }
    // A bad state never reaches the resolver: the enum refuses it.
    const badState = await member.gql(REPORT, { events: [eventInput('cnc-1', 'EXPLODED')] });
    expect(badState.errors?.[0]?.message).toMatch(/EXPLODED/);
    // The same eventId twice in one call is a caller mistake.
    const twice = eventInput('cnc-1');
    expect(badInput(await member.gql(REPORT, { events: [twice, twice] })).field).toBe('events[1].eventId');
    const after = dataOf(await member.gql('{ lineEvents(limit: 1000) { seq } }'))['lineEvents'].length;
    expect(after).toBe(before);
    expect((await member.health())['lineEvents'].sources.mutation.rejected).toBeGreaterThanOrEqual(12);
  });

  it('refuses another member id and writes from other firms', async () => {
    expect(badInput(await member.gql(REPORT, { memberId: 'other', events: [eventInput('cnc-1')] })).field).toBe('memberId');
    const foreign = await member.gql(REPORT, { events: [eventInput('cnc-1')] }, member.strangerToken);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('keeps Line.status on the latest status-setting event, with previousState and since', async () => {
    await addLines(member, ['press-9']);
    const t0 = Date.now() - 60_000;
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const r = dataOf(
      await member.gql(REPORT, {
        events: [
          eventInput('press-9', 'RUNNING', { at: at(0), cycleTimeSeconds: 12.5 }),
          eventInput('press-9', 'RUNNING', { at: at(10), goodCount: 40, scrapCount: 1 }),
          eventInput('press-9', 'DOWN', { at: at(20), reasonCode: 'HYDRAULIC', goodCount: 38, scrapCount: 0 }),
        ],
      }),
    )['reportLineEvents'];
    expect(r.events.map((e: { previousState: string | null }) => e.previousState)).toEqual([null, 'RUNNING', 'RUNNING']);
    const status = dataOf(await member.gql('{ lines { id status { state since seq reasonCode } } }'))['lines'].find(
      (l: { id: string }) => l.id === 'press-9',
    ).status;
    expect(status).toEqual({ state: 'DOWN', since: at(20), seq: r.events[2].seq, reasonCode: 'HYDRAULIC' });
    // A progress report in the same state does not move `since`.
    await member.gql(REPORT, { events: [eventInput('press-9', 'RUNNING', { at: at(30) }), eventInput('press-9', 'RUNNING', { at: at(40), goodCount: 5 })] });
    const running = dataOf(await member.gql('{ lines(state: RUNNING) { id status { state since } } }'))['lines'].find(
      (l: { id: string }) => l.id === 'press-9',
    );
    expect(running.status).toEqual({ state: 'RUNNING', since: at(30) });
    // The row holds the same status (written in the event transaction): what a restart loads.
    const [row] = await member.app.database.db.query.lines.findMany({ where: (l, { eq }) => eq(l.id, 'press-9') });
    expect(row!.state).toBe('RUNNING');
    expect(row!.stateSince.toISOString()).toBe(at(30));
  });

  it('serves the timeline and the event list with filters and paging', async () => {
    const recent = dataOf(await member.gql('{ lines { id recentEvents(limit: 3) { seq state } } }'))['lines'].find((l: { id: string }) => l.id === 'press-9');
    expect(recent.recentEvents.map((e: { state: string }) => e.state)).toEqual(['RUNNING', 'RUNNING', 'DOWN']);
    expect(recent.recentEvents[0].seq).toBeGreaterThan(recent.recentEvents[1].seq);
    const page1 = dataOf(await member.gql('{ lineEvents(lineIds: ["press-9"], limit: 2) { seq } }'))['lineEvents'];
    const page2 = dataOf(await member.gql('query($a: Int) { lineEvents(lineIds: ["press-9"], afterSeq: $a, limit: 10) { seq } }', { a: page1[1].seq }))[
      'lineEvents'
    ];
    expect(page1).toHaveLength(2);
    expect(page2).toHaveLength(3);
    expect(page2[0].seq).toBeGreaterThan(page1[1].seq);
    const down = dataOf(await member.gql('{ lineEvents(lineIds: ["press-9"], from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { state } }'))[
      'lineEvents'
    ];
    expect(down).toHaveLength(5);
    expect(dataOf(await member.gql('{ lineEvents(memberIds: ["other"]) { seq } }'))['lineEvents']).toEqual([]);
    expect(badInput(await member.gql('{ lineEvents(limit: 0) { seq } }')).field).toBe('limit');
    const foreign = await member.gql('{ lineEvents { seq } }', {}, member.strangerToken);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('hands its own commits over without reading them back when their NOTIFY arrives', async () => {
    const before = (await member.health())['lineEvents'].catchUpReads as number;
    let last = 0;
    for (let i = 0; i < 12; i++)
      last = dataOf(await member.gql(REPORT, { events: [eventInput('cnc-2', i % 2 ? 'IDLE' : 'RUNNING')] }))['reportLineEvents'].events[0].seq;
    // Time for every batch's NOTIFY to come back; only the 2-s safety poll may read meanwhile
    // (before, each of the 12 NOTIFYs cost a query that found nothing new).
    await new Promise((r) => setTimeout(r, 300));
    const health = (await member.health())['lineEvents'];
    expect(health.lastDeliveredSeq).toBe(last);
    expect(health.catchUpReads - before).toBeLessThanOrEqual(3);
  });

  it('loads line statuses at start (restart on the same database)', async () => {
    const before = dataOf(await member.gql('{ lines { id status { state since seq reasonCode } } }'))['lines'];
    const lastSeq = Math.max(...dataOf(await member.gql('{ lineEvents(limit: 1000) { seq } }'))['lineEvents'].map((e: { seq: number }) => e.seq));
    await member.stop({ drop: false });
    member = await startLiveMember(`events-ingest-${driver}`, { driver, testDatabase: member.testDatabase });
    expect(dataOf(await member.gql('{ lines { id status { state since seq reasonCode } } }'))['lines']).toEqual(before);
    // Numbering continues after the last stored seq.
    const next = dataOf(await member.gql(REPORT, { events: [eventInput('cnc-1')] }))['reportLineEvents'].events[0].seq;
    expect(next).toBe(lastSeq + 1);
  });
});
