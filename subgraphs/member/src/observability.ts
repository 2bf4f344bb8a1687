import { databaseCheck, metrics, type ServiceObservabilityOptions } from '@clustergraph/runtime';
import type { MemberConfig } from './config.ts';
import type { MemberDatabase } from './db/database.ts';
import type { LineEventService } from './events/lineEventService.ts';
import type { UsageLedger } from './sovereignty/usageLedger.ts';

/** /metrics, /ready and request spans of a member: ready when its database answers; spans carry `memberId`. */
export function memberObservability(config: MemberConfig, db: MemberDatabase): ServiceObservabilityOptions {
  return {
    config: config.observability ?? { metricsToken: null, maxOperationLabels: 100 },
    readiness: [databaseCheck(db as never)],
    spanAttributes: { memberId: config.memberId },
  };
}

/** Figures the member already keeps, read at scrape time (nothing added to the event path); returns what stops reading them. */
export function registerMemberMetrics(lineEvents: LineEventService, ledger: UsageLedger): () => void {
  const removers = [
    metrics.lineEvents.addSource(function* () {
      for (const [source, counters] of Object.entries(lineEvents.counters.bySource)) {
        yield [{ source, result: 'stored' }, counters.stored];
        yield [{ source, result: 'duplicate' }, counters.duplicates];
        yield [{ source, result: 'rejected' }, counters.rejected];
        yield [{ source, result: 'failed' }, counters.failed];
      }
    }),
    metrics.lastEventSeq.addSource(() => [[{}, lineEvents.hub.lastDeliveredSeq]]),
    // The hub's own status-cache listener is not a subscriber.
    metrics.openSubscriptions.addSource(() => [[{}, Math.max(0, lineEvents.hub.listenerCount - 1)]]),
    metrics.ledgerPending.addSource(() => [[{}, ledger.pending]]),
  ];
  return () => removers.forEach((remove) => remove());
}
