import { LineState } from '@clustergraph/schema/values';
import type { LineStateName } from '../db/schema.ts';

/** What one raw value of a machine's state node means: a line state, and the reason when the value says it. */
export interface MappedState {
  state: LineStateName;
  reasonCode: string | null;
}

/**
 * OPC UA for Machinery (OPC 40001-1) MachineryItemState: NotAvailable, OutOfService,
 * NotExecuting, Executing. NotExecuting cannot tell idle from a fault; a line whose machine
 * says more should map its own values.
 */
const MACHINERY: Record<string, MappedState> = {
  '0': { state: LineState.OFFLINE, reasonCode: null },
  '1': { state: LineState.MAINTENANCE, reasonCode: 'OUT_OF_SERVICE' },
  '2': { state: LineState.IDLE, reasonCode: null },
  '3': { state: LineState.RUNNING, reasonCode: null },
};

/** PackML (ISA-TR88.00.02) state numbers, mapped as the README's "States" table says (Execute runs, Held and Aborted are faults). */
const PACKML_NAMES: Array<[number, string, LineStateName]> = [
  [0, 'UNDEFINED', LineState.OFFLINE],
  [1, 'CLEARING', LineState.DOWN],
  [2, 'STOPPED', LineState.IDLE],
  [3, 'STARTING', LineState.IDLE],
  [4, 'IDLE', LineState.IDLE],
  [5, 'SUSPENDED', LineState.IDLE],
  [6, 'EXECUTE', LineState.RUNNING],
  [7, 'STOPPING', LineState.IDLE],
  [8, 'ABORTING', LineState.DOWN],
  [9, 'ABORTED', LineState.DOWN],
  [10, 'HOLDING', LineState.DOWN],
  [11, 'HELD', LineState.DOWN],
  [12, 'UNHOLDING', LineState.DOWN],
  [13, 'SUSPENDING', LineState.IDLE],
  [14, 'UNSUSPENDING', LineState.IDLE],
  [15, 'RESETTING', LineState.IDLE],
  [16, 'COMPLETING', LineState.IDLE],
  [17, 'COMPLETE', LineState.IDLE],
];

/** The PackML state's name is the reason where it adds something (HELD, ABORTED, SUSPENDED…); plain RUNNING and IDLE carry none. */
const PACKML: Record<string, MappedState> = Object.fromEntries(
  PACKML_NAMES.map(([value, name, state]) => [String(value), { state, reasonCode: name === 'EXECUTE' || name === 'IDLE' ? null : `PACKML_${name}` }]),
);

/** Value tables a mapping entry may name instead of listing values (`"values": "packml"`). */
export const STATE_VALUE_PRESETS: Record<string, Record<string, MappedState>> = { machinery: MACHINERY, packml: PACKML };

/**
 * The key a raw OPC UA value is looked up by in a mapping's `values`: numbers as decimal
 * text, booleans as `true`/`false`, strings as they are, localized text by its text.
 */
export function stateValueKey(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null && 'text' in value && typeof (value as { text: unknown }).text === 'string') {
    return (value as { text: string }).text;
  }
  return null;
}
