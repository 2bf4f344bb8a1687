import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { lineEventCounter, lines, type LineStateName } from '../src/db/schema.ts';
import { startsNewStatus, storeLineEvents } from '../src/events/store.ts';
import type { NewLineEvent } from '../src/events/types.ts';
import { isFreezeRefusal } from '../src/portability/freezeRefusals.ts';
import { addLines, startLiveMember, type LiveMember } from './events.support.ts';

// The database function store_line_events (migration 0007) against the rules it replaced, kept
// here as a model in TypeScript: seqs 1..n without gaps, an event id stored once (before, or
// twice in one batch), previous_state the line's last state, a line's status from
// startsNewStatus, the counter row. Random batches (a seeded generator), on both drivers.
const drivers = (await postgresReachable()) ? (['postgres', 'pglite'] as const) : (['pglite'] as const);

const LINES = ['l-1', 'l-2', 'l-3'];
// Weighted towards RUNNING and DOWN, so that a state often follows itself (where a reason decides).
const STATES: LineStateName[] = ['RUNNING', 'RUNNING', 'RUNNING', 'DOWN', 'DOWN', 'DOWN', 'IDLE', 'CHANGEOVER', 'MAINTENANCE', 'OFFLINE'];
const REASONS = [null, null, 'E-STOP', 'HYDRAULIC'];

function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

function newEvent(eventId: string, lineId: string, state: LineStateName, extra: Partial<NewLineEvent> = {}): NewLineEvent {
  return { eventId, lineId, state, at: new Date(), reasonCode: null, cycleTimeSeconds: null, goodCount: null, scrapCount: null, ...extra };
}

/** The error a promise is rejected with, or null when it resolves. */
const refusalOf = (pending: Promise<unknown>): Promise<unknown> =>
  pending.then(
    () => null,
    (error: unknown) => error,
  );

interface ModelEvent {
  seq: number;
  eventId: string;
  lineId: string;
  state: LineStateName;
  previousState: LineStateName | null;
  at: Date;
  reasonCode: string | null;
  goodCount: number | null;
}

describe.each(drivers)('store_line_events (%s)', (driver) => {
  let member: LiveMember;

  beforeAll(async () => {
    member = await startLiveMember(`events-store-${driver}`, { driver });
    await addLines(member, LINES);
  });
  afterAll(async () => member?.stop());

  it('stores random batches exactly as the rules say: seqs, duplicates, previous states, line statuses', async () => {
    const db = member.app.database.db;
    const random = generator(driver === 'postgres' ? 20 : 26);
    const stored = new Map<string, ModelEvent>();
    const lastState = new Map<string, LineStateName>();
    const status = new Map(
      LINES.map((id) => [id, { state: 'IDLE' as LineStateName, stateSince: new Date(0), stateSeq: 0, stateReasonCode: null as string | null }]),
    );
    let lastSeq = 0;
    let made = 0;
    const t0 = Date.now() - 3_600_000;

    for (let round = 0; round < 60; round++) {
      const inputs: NewLineEvent[] = [];
      const size = 1 + random.int(round % 5 === 0 ? 40 : 6);
      for (let i = 0; i < size; i++) {
        const earlier = [...stored.keys()];
        const repeat = random.int(10);
        if (repeat === 0 && earlier.length > 0) {
          const old = stored.get(random.pick(earlier))!;
          inputs.push({ ...old, cycleTimeSeconds: null, scrapCount: null });
        } else if (repeat === 1 && inputs.length > 0) {
          inputs.push(random.pick(inputs));
        } else {
          made++;
          inputs.push({
            eventId: `ev-${driver}-${made}`,
            lineId: random.pick(LINES),
            state: random.pick(STATES),
            at: new Date(t0 + made * 1000 + 0.5),
            reasonCode: random.pick(REASONS),
            cycleTimeSeconds: random.int(2) ? 12.5 : null,
            goodCount: random.int(3) ? random.int(50) : null,
            scrapCount: null,
          });
        }
      }

      // The model: what the rules make of this batch.
      const expectedStored: ModelEvent[] = [];
      const expectedEvents = inputs.map((input) => {
        const known = stored.get(input.eventId);
        if (known) return known;
        lastSeq += 1;
        const event: ModelEvent = {
          seq: lastSeq,
          eventId: input.eventId,
          lineId: input.lineId,
          state: input.state,
          previousState: lastState.get(input.lineId) ?? null,
          at: new Date(Math.floor(input.at.getTime())),
          reasonCode: input.reasonCode,
          goodCount: input.goodCount,
        };
        lastState.set(input.lineId, input.state);
        const current = status.get(input.lineId)!;
        if (startsNewStatus(current, input))
          status.set(input.lineId, { state: input.state, stateSince: event.at, stateSeq: event.seq, stateReasonCode: input.reasonCode });
        stored.set(input.eventId, event);
        expectedStored.push(event);
        return event;
      });

      const outcome = await storeLineEvents(db, inputs, `line_events_store_test_${driver}`);
      const shape = (e: ModelEvent) => ({
        seq: e.seq,
        eventId: e.eventId,
        lineId: e.lineId,
        state: e.state,
        previousState: e.previousState,
        at: e.at.toISOString(),
        reasonCode: e.reasonCode,
        goodCount: e.goodCount,
      });
      expect(outcome.events.map(shape), `round ${round}`).toEqual(expectedEvents.map(shape));
      expect(outcome.stored.map(shape), `round ${round}`).toEqual(expectedStored.map(shape));
      for (const e of outcome.events) {
        expect(e.at).toBeInstanceOf(Date);
        expect(e.receivedAt).toBeInstanceOf(Date);
        expect(typeof e.seq).toBe('number');
      }
      // Every line's status row after each batch (what a restart loads and Line.status serves).
      const rows = await db.select().from(lines);
      for (const id of LINES) {
        const row = rows.find((r) => r.id === id)!;
        const expected = status.get(id)!;
        expect({ state: row.state, stateSeq: row.stateSeq, stateReasonCode: row.stateReasonCode }, `${id}, round ${round}`).toEqual({
          state: expected.state,
          stateSeq: expected.stateSeq,
          stateReasonCode: expected.stateReasonCode,
        });
        if (expected.stateSeq > 0) expect(row.stateSince.toISOString(), id).toBe(expected.stateSince.toISOString());
      }
    }

    const [counter] = await db.select().from(lineEventCounter);
    expect(counter!.lastSeq).toBe(lastSeq);
    expect(lastSeq).toBeGreaterThan(100);
  });

  it('stores nothing and hands back its seqs when a batch fails', async () => {
    const db = member.app.database.db;
    const [before] = await db.select().from(lineEventCounter);
    const bad = newEvent(`bad-${driver}`, 'l-1', 'RUNNING', { goodCount: -1 });
    const good = { ...bad, eventId: `good-${driver}`, goodCount: 1 };
    const failed = (await refusalOf(storeLineEvents(db, [good, bad], `line_events_store_test_${driver}`))) as Error | null;
    expect(String((failed?.cause as Error | undefined)?.message)).toMatch(/line_events_counts/);
    const [after] = await db.select().from(lineEventCounter);
    expect(after!.lastSeq).toBe(before!.lastSeq);
    const next = await storeLineEvents(db, [good], `line_events_store_test_${driver}`);
    expect(next.stored.map((e) => e.seq)).toEqual([before!.lastSeq + 1]);
  });

  it('is refused by the freeze of a move, writing nothing (CGMOV through the function)', async () => {
    const db = member.app.database.db;
    const [before] = await db.select().from(lineEventCounter);
    await db.execute(sql`update member_transfer set state = 'MOVING' where id = 1`);
    try {
      const refused = await refusalOf(storeLineEvents(db, [newEvent(`frozen-${driver}`, 'l-2', 'DOWN')], `line_events_store_test_${driver}`));
      expect(isFreezeRefusal(refused)).toBe(true);
    } finally {
      await db.execute(sql`update member_transfer set state = 'SERVING' where id = 1`);
    }
    const [after] = await db.select().from(lineEventCounter);
    expect(after!.lastSeq).toBe(before!.lastSeq);
  });
});
