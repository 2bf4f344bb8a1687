import { describe, expect, it } from 'vitest';
import { formatLineEvent, formatWithheld, isStateChange } from '../src/commands/watch.ts';

const event = (previousState: string | null, state: string, extra: Record<string, unknown> = {}) =>
  ({
    memberId: 'cast',
    seq: 7,
    eventId: 'e7',
    lineId: 'cast-line-1',
    previousState,
    state,
    at: '2026-12-06T10:00:00.000Z',
    reasonCode: null,
    cycleTimeSeconds: null,
    goodCount: null,
    scrapCount: null,
    ...extra,
  }) as never;

describe('watch lines output', () => {
  it('prints a state change as a change and a report within a state without an arrow', () => {
    expect(isStateChange(event('RUNNING', 'DOWN'))).toBe(true);
    expect(isStateChange(event(null, 'RUNNING'))).toBe(true);
    expect(isStateChange(event('RUNNING', 'RUNNING'))).toBe(false);
    expect(formatLineEvent(event('RUNNING', 'DOWN', { reasonCode: 'TOOL_BREAK' }))).toMatch(/cast\s+cast-line-1\s+RUNNING\s+→ DOWN\s+TOOL_BREAK\s+#7$/);
    const report = formatLineEvent(event('RUNNING', 'RUNNING', { goodCount: 14, scrapCount: 1, cycleTimeSeconds: 41.5 }));
    expect(report).not.toContain('→');
    expect(report).toMatch(/RUNNING\s+· \+14 good, \+1 scrap, cycle 41.5 s\s+#7$/);
  });

  it('names withheld members in one line, and says when none is left', () => {
    expect(
      formatWithheld([
        { memberId: 'dongbang-mold', category: 'LINE_STATUS', purpose: 'MONITORING', reason: 'NO_POLICY' },
        { memberId: 'kmobility', category: 'LINE_STATUS', purpose: 'MONITORING', reason: 'AGGREGATED_ONLY' },
      ]),
    ).toBe(
      '[withheld by dongbang-mold (LINE_STATUS for MONITORING), kmobility (LINE_STATUS for MONITORING): their sharing policies do not grant it to you; events from the other members follow]',
    );
    expect(formatWithheld([])).toBe('[every member now shares its line status with you]');
  });
});
