import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf } from './harness.ts';
import { LINE_STATUS_CHANGED, addLines, startLiveMember, type LiveMember } from './events.support.ts';
import { DEMO_TEMPO, HISTORY_TEMPO, LineStateMachine } from '../src/simulator/lineStateMachine.ts';
import { checkLineEvent } from '../src/events/validation.ts';
import { seededRandom } from '../src/seed/random.ts';
import { LineEventStream, StreamFailure, StreamNotice } from '../src/events/stream.ts';
import type { LineEventHub } from '../src/events/hub.ts';
import type { LineEvent } from '../src/events/types.ts';

const line = { id: 'imm-1', processes: ['INJECTION_MOLDING' as const], ratedUnitsPerHour: 120 };

describe('line state machine', () => {
  const day = (seed: string) =>
    new LineStateMachine(line, seededRandom(seed), HISTORY_TEMPO, 'h', Date.UTC(2025, 0, 6), 'RUNNING').advance(Date.UTC(2025, 0, 7));

  it('is deterministic for a seed', () => {
    expect(day('x')).toEqual(day('x'));
    expect(day('x')).not.toEqual(day('y'));
  });

  it('behaves like a line: mostly running near its rate, with valid events', () => {
    const events = day('plant');
    const time: Record<string, number> = {};
    let state = 'RUNNING';
    let since = Date.UTC(2025, 0, 6);
    for (const e of events) {
      expect(
        checkLineEvent(
          e,
          (n) => n,
          () => true,
          new Date(Date.UTC(2025, 0, 7)),
        ).problems,
      ).toEqual([]);
      time[state] = (time[state] ?? 0) + e.at.getTime() - since;
      since = e.at.getTime();
      if (e.state === 'RUNNING' && state === 'RUNNING') expect(e.goodCount).not.toBeNull(); // a progress report
      if (e.state === 'DOWN') expect(['MOLD_TEMP', 'NOZZLE_CLOG', 'HYDRAULIC', 'E-STOP', 'TOOL_BREAK']).toContain(e.reasonCode);
      if (e.state === 'CHANGEOVER') expect(e.reasonCode).toBe('MOLD_CHANGE');
      state = e.state;
    }
    const total = Object.values(time).reduce((a, b) => a + b, 0);
    expect(time['RUNNING']! / total).toBeGreaterThan(0.5);
    const states = new Set(events.map((e) => e.state));
    for (const s of ['RUNNING', 'IDLE', 'CHANGEOVER', 'DOWN']) expect(states).toContain(s);
    // Output over the day is in the range of the rated rate times the running hours.
    const made = events.reduce((sum, e) => sum + (e.goodCount ?? 0) + (e.scrapCount ?? 0), 0);
    const runningHours = time['RUNNING']! / 3_600_000;
    expect(made / runningHours).toBeGreaterThan(120 * 0.7);
    expect(made / runningHours).toBeLessThan(120 * 1.1);
  });

  it('reports every few seconds at demo tempo', () => {
    const events = new LineStateMachine(line, seededRandom('demo'), DEMO_TEMPO, 'd', 0, 'RUNNING').advance(600_000);
    const gaps = events.slice(1).map((e, i) => e.at.getTime() - events[i]!.at.getTime());
    expect(events.length).toBeGreaterThan(40);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(150_000);
  });
});

describe('simulator in a member', () => {
  let member: LiveMember;

  beforeAll(async () => {
    // Lines first (a member without lines has nothing to simulate), then a restart with the simulator on.
    const plain = await startLiveMember('events-sim');
    await addLines(plain, ['cnc-1', 'cnc-2']);
    await plain.stop({ drop: false });
    member = await startLiveMember('events-sim', {
      testDatabase: plain.testDatabase,
      env: { SIMULATOR: 'true', SIMULATOR_SPEED: '20', SIMULATOR_HISTORY_HOURS: '2' },
    });
  });
  afterAll(async () => member?.stop());

  it('seeds a few hours of history on first start and then produces live events through the ingestor', async () => {
    const history = dataOf(await member.gql('{ lineEvents(limit: 1000) { seq at lineId } }'))['lineEvents'];
    expect(history.length).toBeGreaterThan(20);
    const span = new Date(history.at(-1).at).getTime() - new Date(history[0].at).getTime();
    expect(span).toBeGreaterThan(1.5 * 3_600_000);
    // Seq order is time order for the seeded history.
    expect(history.map((e: { at: string }) => e.at)).toEqual([...history.map((e: { at: string }) => e.at)].sort());
    // The history stands for machines that reported live: its receipt latency is not hours.
    const maturity = dataOf(
      await member.gql(
        '{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { maturity { evidence { criterion met value } } } } }',
      ),
    )['_entities'][0]['maturity'];
    const latency = maturity.evidence.find((e: { criterion: string }) => e.criterion === 'event-latency-10s');
    expect(latency).toMatchObject({ met: true, value: 'p95 0.5 s' });
    const sub = member.subscribe(LINE_STATUS_CHANGED);
    await sub.untilCount(3, 15_000);
    expect(sub.seqs[0]).toBeGreaterThan(history.at(-1).seq);
    expect((await member.health())['simulator'].stored).toBeGreaterThan(history.length);
  });
});

describe('subscriber stream', () => {
  const event = (seq: number): LineEvent => ({
    seq,
    eventId: `e${seq}`,
    lineId: 'l',
    state: 'RUNNING',
    previousState: null,
    at: new Date(),
    reasonCode: null,
    cycleTimeSeconds: null,
    goodCount: null,
    scrapCount: null,
    receivedAt: new Date(),
  });
  const fakeHub = () => {
    const listeners = new Set<(events: readonly LineEvent[]) => void>();
    return {
      hub: {
        lastDeliveredSeq: 0,
        subscribe: (l: (events: readonly LineEvent[]) => void) => (listeners.add(l), () => listeners.delete(l)),
      } as unknown as LineEventHub,
      push: (events: LineEvent[]) => listeners.forEach((l) => l(events)),
      listeners,
    };
  };
  /** A gate whose decision the test sets (the real one: lineStatusGate.test.ts). */
  const fakeGate = (open = true) => {
    const watchers = new Set<() => void>();
    const delivered: number[] = [];
    const gate = {
      open,
      refusal: open ? null : ('NO_POLICY' as const),
      closed: false,
      delivered: (e: LineEvent) => void delivered.push(e.seq),
      watch: (l: () => void) => (watchers.add(l), () => watchers.delete(l)),
      close: () => void (gate.closed = true),
      set(value: boolean) {
        gate.open = value;
        gate.refusal = value ? null : 'NO_POLICY';
        watchers.forEach((w) => w());
      },
    };
    return { gate, delivered, watchers };
  };

  it('closes a subscriber that falls too far behind with an error naming where to resume', async () => {
    const { hub, push, listeners } = fakeHub();
    const stream = new LineEventStream({ hub, db: null as never, gate: fakeGate().gate, queueLimit: 5 });
    push([event(1), event(2)]);
    expect((await stream.next()).value).toMatchObject({ seq: 1 });
    push([3, 4, 5, 6, 7, 8, 9].map(event));
    const failure = (await stream.next()).value;
    expect(failure).toBeInstanceOf(StreamFailure);
    expect((failure as StreamFailure).error.extensions).toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW', resumeAfterSeq: 1 });
    expect((await stream.next()).done).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('ends at once when the client leaves while it waits, releasing hub and gate', async () => {
    const { hub, listeners } = fakeHub();
    const { gate, watchers } = fakeGate();
    const waiting = new LineEventStream({ hub, db: null as never, gate });
    const pending = waiting.next();
    await waiting.return();
    expect((await pending).done).toBe(true);
    expect(listeners.size).toBe(0);
    expect(watchers.size).toBe(0);
    expect(gate.closed).toBe(true);
  });

  it('says once that the gate closed, passes over the events meanwhile, and goes on when it opens', async () => {
    const { hub, push } = fakeHub();
    const { gate, delivered } = fakeGate(false);
    const stream = new LineEventStream({ hub, db: null as never, gate });
    // Closed from the start: the notice comes first, the events are not handed out.
    expect((await stream.next()).value).toEqual(new StreamNotice(false, 'NO_POLICY'));
    push([event(1), event(2)]);
    const waiting = stream.next();
    await new Promise((r) => setTimeout(r, 20));
    gate.set(true); // a grant, without resubscribing
    expect((await waiting).value).toEqual(new StreamNotice(true, null));
    push([event(3)]);
    expect((await stream.next()).value).toMatchObject({ seq: 3 });
    gate.set(false); // a revocation: one notice, nothing after it
    push([event(4), event(5)]);
    expect((await stream.next()).value).toEqual(new StreamNotice(false, 'NO_POLICY'));
    const idle = stream.next();
    const outcome = await Promise.race([idle.then(() => 'item'), new Promise((r) => setTimeout(() => r('nothing'), 100))]);
    expect(outcome).toBe('nothing');
    expect(delivered).toEqual([3]);
    await stream.return();
    expect((await idle).done).toBe(true);
  });
});
