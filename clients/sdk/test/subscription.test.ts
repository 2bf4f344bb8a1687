import { describe, expect, it, vi } from 'vitest';
import type { Client as WsClient, Sink } from 'graphql-ws';
import { CursorBook, ResumableSubscription, isRetryable } from '../src/subscription.ts';

interface Event {
  lineStatusChanged: { memberId: string; seq: number };
}

/** A graphql-ws client double that records each subscribe and lets the test drive the sink. */
function fakeSocket() {
  const calls: Array<{ variables: Record<string, unknown>; sink: Sink }> = [];
  const client = {
    subscribe(payload: { variables?: Record<string, unknown> }, sink: Sink) {
      calls.push({ variables: payload.variables ?? {}, sink });
      return () => {};
    },
  } as unknown as WsClient;
  return { calls, socket: () => client };
}

const event = (memberId: string, seq: number) => ({ data: { lineStatusChanged: { memberId, seq } } });

describe('resumable subscriptions', () => {
  it('resubscribes after a drop with the last seq per member and drops replayed duplicates', async () => {
    vi.useFakeTimers();
    const { calls, socket } = fakeSocket();
    const seen: string[] = [];
    const states: string[] = [];
    const sub = new ResumableSubscription<Event>(
      socket,
      'subscription { ... }',
      { memberIds: ['a', 'b'], resumeFrom: [{ memberId: 'b', seq: 3 }] },
      { next: (d) => seen.push(`${d.lineStatusChanged.memberId}:${d.lineStatusChanged.seq}`), state: (s) => states.push(s) },
      { resume: { cursorOf: (d) => d.lineStatusChanged }, initialDelayMs: 10 },
    );
    sub.start();
    expect(calls[0]!.variables['resumeFrom']).toEqual([{ memberId: 'b', seq: 3 }]);
    calls[0]!.sink.next(event('a', 1));
    calls[0]!.sink.next(event('b', 4));
    calls[0]!.sink.next(event('a', 2));
    calls[0]!.sink.error({ code: 1006, reason: 'abnormal' });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.variables).toEqual({
      memberIds: ['a', 'b'],
      resumeFrom: [
        { memberId: 'b', seq: 4 },
        { memberId: 'a', seq: 2 },
      ],
    });
    calls[1]!.sink.next(event('a', 2)); // overlap from the replay
    calls[1]!.sink.next(event('a', 3));
    expect(seen).toEqual(['a:1', 'b:4', 'a:2', 'a:3']);
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'live']);
    sub.stop();
    vi.useRealTimers();
  });

  it('stops on errors that retrying cannot fix', () => {
    const { calls, socket } = fakeSocket();
    const errors: string[] = [];
    const sub = new ResumableSubscription<Event>(socket, 'subscription { ... }', {}, { next: () => {}, error: (e) => errors.push(e.message) });
    sub.start();
    calls[0]!.sink.error([{ message: 'Cannot query field "nope"' }]);
    expect(errors).toEqual(['Cannot query field "nope"']);
    expect(isRetryable({ code: 4403, reason: 'Forbidden' })).toBe(false);
    expect(isRetryable({ code: 1001, reason: 'going away' })).toBe(true);
    expect(isRetryable(new Error('ECONNREFUSED'))).toBe(true);
  });

  it('keeps the highest seq per member', () => {
    const book = new CursorBook();
    expect(book.advance({ memberId: 'a', seq: 5 })).toBe(true);
    expect(book.advance({ memberId: 'a', seq: 5 })).toBe(false);
    expect(book.advance({ memberId: 'a', seq: 4 })).toBe(false);
    expect(book.cursors()).toEqual([{ memberId: 'a', seq: 5 }]);
  });
});

describe('withheld notices', () => {
  it('hands the withheld list to `withheld`, never a data-less payload to `next`, and other errors to `errors`', () => {
    const { calls, socket } = fakeSocket();
    const seen: string[] = [];
    const withheld: string[][] = [];
    const problems: string[] = [];
    const sub = new ResumableSubscription<Event>(
      socket,
      'subscription { ... }',
      {},
      {
        next: (d) => seen.push(`${d.lineStatusChanged.memberId}:${d.lineStatusChanged.seq}`),
        withheld: (members) => withheld.push(members.map((m) => m.memberId)),
        errors: (errors) => problems.push(...errors.map((e) => e.message)),
      },
    );
    sub.start();
    const sink = calls[0]!.sink;
    sink.next({
      data: null,
      errors: [{ message: 'withheld by b', extensions: { code: 'FORBIDDEN', withheld: true, memberId: 'b' } }],
      extensions: { withheld: [{ memberId: 'b', category: 'LINE_STATUS', purpose: 'MONITORING', reason: 'NO_POLICY' }] },
    } as never);
    sink.next(event('a', 1));
    sink.next({ data: null, extensions: { withheld: [] } } as never);
    sink.next({ data: null, errors: [{ message: 'The event could not be resolved', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } as never);
    expect(seen).toEqual(['a:1']);
    expect(withheld).toEqual([['b'], []]);
    expect(problems).toEqual(['The event could not be resolved']);
    sub.stop();
  });
});
