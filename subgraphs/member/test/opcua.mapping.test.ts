import { beforeAll, describe, expect, it } from 'vitest';
import { LineState } from '@clustergraph/schema/values';
import { OpcuaMappingError, opcuaNodeIdParser, parseOpcuaMapping as parseWith, type LineMapping, type NodeIdParser } from '../src/opcua/mapping.ts';
import { OpcuaLineTracker, counterValue } from '../src/opcua/lineTracker.ts';
import { opcuaEventId } from '../src/opcua/eventIds.ts';

// The OPC UA mapping file and what the member makes of a line's values: refusals that name the
// entry, presets, and cumulative counters turned into the increments an event carries.

let parseNodeId: NodeIdParser;
beforeAll(async () => {
  parseNodeId = await opcuaNodeIdParser();
});
const parseOpcuaMapping = (json: unknown) => parseWith(json, parseNodeId);

const line = (lineId: string, extra: Record<string, unknown> = {}) => ({
  lineId,
  state: { nodeId: `ns=1;s=${lineId}.State`, values: { '0': 'IDLE', '1': 'RUNNING', '2': { state: 'DOWN', reasonCode: 'E-STOP' } } },
  goodCount: { nodeId: `ns=1;s=${lineId}.GoodCount` },
  scrapCount: { nodeId: `ns=1;s=${lineId}.ScrapCount` },
  ...extra,
});

function refusal(json: unknown): string[] {
  try {
    parseOpcuaMapping(json);
  } catch (error) {
    expect(error).toBeInstanceOf(OpcuaMappingError);
    return (error as OpcuaMappingError).problems;
  }
  throw new Error('the mapping was accepted');
}

describe('OPC UA mapping', () => {
  it('accepts a valid mapping and lists state nodes first, then counters', () => {
    const mapping = parseOpcuaMapping({ lines: [line('press-1'), line('press-2', { scrapCount: undefined })] });
    expect(mapping.nodes.map((n) => [n.lineId, n.kind])).toEqual([
      ['press-1', 'state'],
      ['press-2', 'state'],
      ['press-1', 'goodCount'],
      ['press-1', 'scrapCount'],
      ['press-2', 'goodCount'],
    ]);
    expect(mapping.lines[0]!.values['2']).toEqual({ state: LineState.DOWN, reasonCode: 'E-STOP' });
  });

  it('refuses an unknown state value, naming the entry', () => {
    const problems = refusal({ lines: [line('press-1'), line('press-2', { state: { nodeId: 'ns=1;s=p2', values: { '3': 'RUNING' } } })] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^lines\[1\] \("press-2"\)\.state\.values\."3": "RUNING" is not a line state/);
  });

  it('refuses a node id that does not parse', () => {
    const problems = refusal({ lines: [line('press-1', { goodCount: { nodeId: 'ns=one;x=Good' } })] });
    expect(problems[0]).toMatch(/^lines\[0\] \("press-1"\)\.goodCount\.nodeId: "ns=one;x=Good" is not an OPC UA node id/);
  });

  it('refuses a line or a node mapped twice, a missing state and an unknown preset', () => {
    const problems = refusal({
      lines: [
        line('press-1'),
        line('press-1', { state: { nodeId: 'ns=1;s=other', values: 'packml' } }),
        line('press-3', { goodCount: { nodeId: 'ns=1;s=press-1.GoodCount' } }),
        { lineId: 'press-4' },
        line('press-5', { state: { nodeId: 'ns=1;s=p5', values: 'isa88' } }),
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^lines\[1\] \("press-1"\)\.lineId: line "press-1" is mapped already by lines\[0\]/),
      expect.stringMatching(/^lines\[1\] \("press-1"\)\.goodCount\.nodeId: node "ns=1;s=press-1.GoodCount" is mapped already/),
      expect.stringMatching(/^lines\[1\] \("press-1"\)\.scrapCount\.nodeId: node .* is mapped already/),
      expect.stringMatching(/^lines\[2\] \("press-3"\)\.goodCount\.nodeId: node "ns=1;s=press-1.GoodCount" is mapped already by lines\[0\]/),
      expect.stringMatching(/^lines\[3\] \("press-4"\)\.state: missing/),
      expect.stringMatching(/^lines\[4\] \("press-5"\)\.state\.values: unknown preset "isa88"/),
    ]);
  });

  it('refuses an empty mapping', () => {
    expect(refusal({ lines: [] })[0]).toMatch(/non-empty "lines"/);
    expect(refusal([])[0]).toMatch(/non-empty "lines"/);
  });

  it('takes a preset, with listed values overriding it', () => {
    const mapping = parseOpcuaMapping({ lines: [line('cell', { state: { nodeId: 'ns=1;s=cell', values: { preset: 'packml', '11': 'MAINTENANCE' } } })] });
    const values = mapping.lines[0]!.values;
    expect(values['6']).toEqual({ state: LineState.RUNNING, reasonCode: null });
    expect(values['9']).toEqual({ state: LineState.DOWN, reasonCode: 'PACKML_ABORTED' });
    expect(values['11']).toEqual({ state: LineState.MAINTENANCE, reasonCode: null });
  });
});

describe('OPC UA line tracker', () => {
  let mapping: LineMapping;
  beforeAll(() => {
    mapping = parseOpcuaMapping({ lines: [line('press-1')] }).lines[0]!;
  });
  let n = 0;
  const change = (value: unknown) => ({ value, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)), eventId: `e-${++n}` });
  const eventOf = (outcome: ReturnType<OpcuaLineTracker['onState']>) => {
    if (!('event' in outcome)) throw new Error(`no event: ${JSON.stringify(outcome)}`);
    return outcome.event;
  };

  it('turns cumulative counters into increments, with a reset counted from zero', () => {
    const tracker = new OpcuaLineTracker(mapping, null);
    expect(tracker.onCounter('goodCount', change(1000))).toEqual({ skipped: 'baseline' });
    expect(tracker.onCounter('scrapCount', change(7))).toEqual({ skipped: 'baseline' });
    // The state is not known yet: the increment waits for the first event.
    expect(tracker.onCounter('goodCount', change(1004))).toMatchObject({ skipped: expect.stringMatching(/not known/) });
    expect(eventOf(tracker.onState(change(1)))).toMatchObject({ state: LineState.RUNNING, goodCount: 4, scrapCount: 0, reasonCode: null });
    expect(eventOf(tracker.onCounter('goodCount', change(1010)))).toMatchObject({ state: LineState.RUNNING, goodCount: 6, scrapCount: 0 });
    expect(eventOf(tracker.onCounter('scrapCount', change(9)))).toMatchObject({ goodCount: 0, scrapCount: 2 });
    // The PLC restarted and its counter began again at 0: 3 made since.
    expect(eventOf(tracker.onCounter('goodCount', change(3)))).toMatchObject({ goodCount: 3 });
    expect(tracker.onCounter('goodCount', change(3))).toEqual({ skipped: 'counter unchanged' });
  });

  it('maps state values with their reason, skips an unchanged state, and refuses values not in the mapping', () => {
    const tracker = new OpcuaLineTracker(mapping, { state: LineState.IDLE, reasonCode: null });
    expect(tracker.onState(change(0))).toEqual({ skipped: 'state unchanged' });
    const down = eventOf(tracker.onState(change(2)));
    expect(down).toMatchObject({ lineId: 'press-1', state: LineState.DOWN, reasonCode: 'E-STOP', eventId: `e-${n}` });
    expect(tracker.onState(change(5))).toMatchObject({ rejected: expect.stringMatching(/lines\[0\] \("press-1"\)\.state\.nodeId: value "5" is not in/) });
    expect(tracker.onCounter('goodCount', change(-1))).toMatchObject({ rejected: expect.stringMatching(/not a whole number/) });
  });

  it('keeps the increments of an event that could not be stored, and reports the state again', () => {
    const tracker = new OpcuaLineTracker(mapping, null);
    tracker.onCounter('goodCount', change(0));
    eventOf(tracker.onState(change(1)));
    const failed = eventOf(tracker.onCounter('goodCount', change(5)));
    tracker.restore(failed);
    expect(eventOf(tracker.onState(change(1)))).toMatchObject({ state: LineState.RUNNING, goodCount: 5 });
  });

  it('reads 64-bit counters and refuses fractions', () => {
    expect(counterValue([1, 5])).toBe(2 ** 32 + 5);
    expect(counterValue(12n)).toBe(12);
    expect(counterValue(1.5)).toBeNull();
    expect(counterValue('12')).toBeNull();
  });
});

describe('OPC UA event ids', () => {
  it('are the same for the same change and differ for any other', () => {
    const at = new Date('2026-12-07T02:00:00.123Z');
    const id = opcuaEventId('urn:plc', 'ns=1;s=a', at, 10);
    expect(id).toMatch(/^opcua:[0-9a-f]{40}$/);
    expect(opcuaEventId('urn:plc', 'ns=1;s=a', new Date(at), 10)).toBe(id);
    expect(
      new Set([id, opcuaEventId('urn:plc2', 'ns=1;s=a', at, 10), opcuaEventId('urn:plc', 'ns=1;s=b', at, 10), opcuaEventId('urn:plc', 'ns=1;s=a', at, 11)])
        .size,
    ).toBe(4);
  });
});
