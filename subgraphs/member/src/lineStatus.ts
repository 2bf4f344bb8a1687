import type { LineRow, LineStateName } from './db/schema.ts';
import type { MemberContext } from './context.ts';

export interface LineStatusValue {
  state: LineStateName;
  since: Date;
  seq: number;
  reasonCode: string | null;
}

/**
 * The current status of a line. For now it is stored on the line row (IDLE since the line
 * was created, seq 0); when line events arrive, only this function changes. Async and
 * handed the context so that an event-backed reader fits the same signature.
 */
export async function readLineStatus(_context: MemberContext, line: LineRow): Promise<LineStatusValue> {
  return { state: line.state, since: line.stateSince, seq: line.stateSeq, reasonCode: line.stateReasonCode };
}
