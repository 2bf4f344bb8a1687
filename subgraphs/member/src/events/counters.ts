import type { IngestSource } from './types.ts';

export interface SourceCounters {
  /** Messages or calls received (MQTT: messages; OPC UA: value changes; mutation and simulator: events). */
  received: number;
  /** Refused as malformed or invalid; nothing of them was stored. */
  rejected: number;
  /** Events whose eventId was stored before (idempotent resend). */
  duplicates: number;
  /** Events newly stored. */
  stored: number;
  /** Valid events that could not be stored (database trouble). */
  failed: number;
}

const zero = (): SourceCounters => ({ received: 0, rejected: 0, duplicates: 0, stored: 0, failed: 0 });

/** Ingest figures per source, shown in `/health` (`lineEvents.sources.mqtt` and top-level `mqtt`). */
export class IngestCounters {
  readonly bySource: Record<IngestSource, SourceCounters> = { mqtt: zero(), opcua: zero(), mutation: zero(), simulator: zero() };

  snapshot(): Record<IngestSource, SourceCounters> {
    return {
      mqtt: { ...this.bySource.mqtt },
      opcua: { ...this.bySource.opcua },
      mutation: { ...this.bySource.mutation },
      simulator: { ...this.bySource.simulator },
    };
  }
}
