import type { ForwardedAuth, Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from './db/database.ts';
import type { MemberAccess } from './sovereignty/access.ts';
import type { UsageLedger } from './sovereignty/usageLedger.ts';
import type { LineEventService } from './events/lineEventService.ts';
import type { CapacityGuard } from './capacity/conflicts.ts';
import type { PolicyChanges } from './sovereignty/policyChanges.ts';
import type { WriteBounds } from './validation/bounds.ts';
import type { MemberLoaders } from './data/loaders.ts';
import type { TransferState } from './portability/transferState.ts';

export type { MemberDatabase } from './db/database.ts';

/** Per-request context of the member subgraph (the codegen `contextType`). */
export interface MemberContext {
  /** The firm this instance serves (MEMBER_ID). */
  memberId: string;
  db: MemberDatabase;
  auth: ForwardedAuth;
  access: MemberAccess;
  /** The owner's data-usage ledger (batched writes); flush() before reading it. */
  ledger: UsageLedger;
  logger: Logger;
  /** Live line status: ingest, line statuses, subscriber streams (one per member instance). */
  lineEvents: LineEventService;
  /** Announces sharing-policy writes to running subscriptions (here and on other replicas). */
  policyChanges: PolicyChanges;
  /** Marks accepted allocations that no longer fit the capacity (capacity cut, line DOWN too long). */
  capacityGuard: CapacityGuard;
  /** Rows per call and the planning horizon every write is checked against (config). */
  writeBounds: WriteBounds;
  /** This request's batch loaders (one SQL query per entity type for the references of an `_entities` call). */
  loaders: MemberLoaders;
  /** The Idempotency-Key the gateway forwarded with a write (idempotency/idempotentWrites.ts), or null. */
  idempotencyKey: string | null;
  /** Leaving with its data (issue 18): the server's transfer state and the export's size bound (EXPORT_MAX_BYTES). */
  portability: { transfer: TransferState; exportMaxBytes: number };
}
