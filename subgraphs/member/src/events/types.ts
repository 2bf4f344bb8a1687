import type { LineEventRow, LineStateName } from '../db/schema.ts';

/** A stored line event (the parent of every `LineStatusEvent` field). */
export type LineEvent = LineEventRow;

/** An event that passed validation and waits to be stored; `seq` and `previousState` come at commit. */
export interface NewLineEvent {
  eventId: string;
  lineId: string;
  state: LineStateName;
  at: Date;
  reasonCode: string | null;
  cycleTimeSeconds: number | null;
  goodCount: number | null;
  scrapCount: number | null;
  /** When it reached the member; omitted → the commit time. Only the simulator's history sets it (as if sent live). */
  receivedAt?: Date;
}

/** Where events come from; counted separately in /health. */
export type IngestSource = 'mqtt' | 'opcua' | 'mutation' | 'simulator';

/** What happened to one submitted group of events (one mutation call, one MQTT message). */
export interface IngestResult {
  /** One per submitted event, in order: the newly stored event or the one stored earlier under its eventId. */
  events: LineEvent[];
  accepted: number;
  duplicates: number;
}
