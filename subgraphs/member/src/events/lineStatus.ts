import type { LineRow, LineStateName } from '../db/schema.ts';
import { startsNewStatus } from './store.ts';
import type { LineEvent } from './types.ts';

export interface LineStatusValue {
  state: LineStateName;
  since: Date;
  seq: number;
  reasonCode: string | null;
}

const fromRow = (line: LineRow): LineStatusValue => ({ state: line.state, since: line.stateSince, seq: line.stateSeq, reasonCode: line.stateReasonCode });

/**
 * The latest status of every line, in memory: loaded from the line rows at start (the event
 * writer keeps them current in the same transaction as the events) and moved on by every
 * event this replica delivers, whoever stored it, by the same rule as the writer.
 */
export class LineStatusCache {
  private readonly byLine = new Map<string, LineStatusValue>();

  load(rows: readonly LineRow[]): void {
    for (const row of rows) this.remember(row.id, fromRow(row));
  }

  apply(events: readonly LineEvent[]): void {
    for (const event of events) {
      const current = this.byLine.get(event.lineId);
      const columns = current && { state: current.state, stateSeq: current.seq, stateReasonCode: current.reasonCode };
      if (startsNewStatus(columns, event)) this.byLine.set(event.lineId, { state: event.state, since: event.at, seq: event.seq, reasonCode: event.reasonCode });
    }
  }

  /** The newer of the cached status and the one on the row the resolver already holds. */
  read(line: LineRow): LineStatusValue {
    const cached = this.byLine.get(line.id);
    return cached && cached.seq >= line.stateSeq ? cached : fromRow(line);
  }

  private remember(lineId: string, value: LineStatusValue): void {
    const cached = this.byLine.get(lineId);
    if (!cached || cached.seq <= value.seq) this.byLine.set(lineId, value);
  }
}

/** The current status of a line: its latest status-setting event (IDLE since creation, seq 0, before any). */
export async function readLineStatus(context: { lineEvents: { statuses: LineStatusCache } }, line: LineRow): Promise<LineStatusValue> {
  return context.lineEvents.statuses.read(line);
}
