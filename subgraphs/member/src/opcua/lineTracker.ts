import type { LineStateName } from '../db/schema.ts';
import type { NewLineEvent } from '../events/types.ts';
import type { CounterKind, LineMapping } from './mapping.ts';
import { stateValueKey, type MappedState } from './stateValues.ts';

/** A value change as the source hands it over: already checked to have a good status. */
export interface NodeChange {
  value: unknown;
  /** Source timestamp (else the server's, else receipt): the event's `at`. */
  at: Date;
  eventId: string;
}

export type TrackerOutcome = { event: NewLineEvent } | { rejected: string } | { skipped: string };

const MAX_INCREMENT = 2_147_483_647;

/** A counter's value as a whole number ≥ 0: Int32/UInt32/Double, or node-opcua's [high, low] pair for 64-bit integers. */
export function counterValue(value: unknown): number | null {
  let n: number | null = null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') n = value[0] * 2 ** 32 + value[1];
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * One line fed from OPC UA: turns its state node's values into line events and its cumulative
 * good/scrap counters into the increments an event carries (`goodCount`/`scrapCount` since the
 * line's previous event). A counter lower than before was reset (the PLC restarted, a shift
 * counter cleared): its new value is what was made since the reset. Increments wait for the
 * next event when the line's state is not known yet, or when storing an event failed.
 */
export class OpcuaLineTracker {
  private state: LineStateName | null;
  private reasonCode: string | null;
  /** The last counter values seen (null: none yet: the first value is the baseline). */
  private readonly last: Record<CounterKind, number | null> = { goodCount: null, scrapCount: null };
  private readonly pending: Record<CounterKind, number> = { goodCount: 0, scrapCount: 0 };

  constructor(
    readonly mapping: LineMapping,
    current: { state: LineStateName; reasonCode: string | null } | null,
  ) {
    this.state = current?.state ?? null;
    this.reasonCode = current?.reasonCode ?? null;
  }

  /** The state node changed. The same state and reason as now is no news (a resubscription's initial value): skipped. */
  onState(change: NodeChange): TrackerOutcome {
    const key = stateValueKey(change.value);
    const mapped: MappedState | null = (key !== null ? this.mapping.values[key] : undefined) ?? this.mapping.otherwise;
    if (!mapped) return { rejected: `${this.mapping.state.entry}: value ${JSON.stringify(key ?? String(change.value))} is not in the mapping's values` };
    if (mapped.state === this.state && mapped.reasonCode === this.reasonCode && !this.hasPending()) return { skipped: 'state unchanged' };
    this.state = mapped.state;
    this.reasonCode = mapped.reasonCode;
    return { event: this.event(change, mapped.state, mapped.reasonCode) };
  }

  /** A counter changed: the increment joins the next event, which is this one when the state is known. */
  onCounter(kind: CounterKind, change: NodeChange): TrackerOutcome {
    const value = counterValue(change.value);
    const node = this.mapping[kind]!;
    if (value === null) return { rejected: `${node.entry}: value ${JSON.stringify(String(change.value))} is not a whole number ≥ 0` };
    const last = this.last[kind];
    this.last[kind] = value;
    if (last === null) return { skipped: 'baseline' };
    const increment = value >= last ? value - last : value;
    if (increment === 0) return { skipped: 'counter unchanged' };
    this.pending[kind] = Math.min(MAX_INCREMENT, this.pending[kind] + increment);
    if (this.state === null) return { skipped: 'line state not known yet; counted with the next event' };
    return { event: this.event(change, this.state, this.reasonCode) };
  }

  /**
   * Storing `event` failed: its increments go with the next event instead of being lost, and
   * the state is forgotten, so that the next value of the state node (a resubscription's
   * initial value) is reported even when it is the same.
   */
  restore(event: NewLineEvent): void {
    this.state = null;
    this.reasonCode = null;
    this.pending.goodCount = Math.min(MAX_INCREMENT, this.pending.goodCount + (event.goodCount ?? 0));
    this.pending.scrapCount = Math.min(MAX_INCREMENT, this.pending.scrapCount + (event.scrapCount ?? 0));
  }

  private hasPending(): boolean {
    return this.pending.goodCount > 0 || this.pending.scrapCount > 0;
  }

  private event(change: NodeChange, state: LineStateName, reasonCode: string | null): NewLineEvent {
    const counts = {
      goodCount: this.mapping.goodCount ? this.pending.goodCount : null,
      scrapCount: this.mapping.scrapCount ? this.pending.scrapCount : null,
    };
    this.pending.goodCount = 0;
    this.pending.scrapCount = 0;
    return { eventId: change.eventId, lineId: this.mapping.lineId, state, at: change.at, reasonCode, cycleTimeSeconds: null, ...counts };
  }
}
