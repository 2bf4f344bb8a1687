import type { ApolloServerPlugin } from '@apollo/server';
import type { Database, Logger } from '@clustergraph/runtime';
import type { MemberStatus } from '@clustergraph/schema/values';
import type { ClusterSchema, MemberRow } from '../db/schema.ts';
import { MemberRegistry, type MemberFilter } from './memberRegistry.ts';

/**
 * The registry held in memory for the cluster subgraph's reads, instead of one SQL query per
 * request (`members`, `member`, Member entities, `memberCount`: every overview asks for the
 * member list). The registry is a few dozen rows that change a few times a month.
 *
 * How fresh it is (the staleness bound):
 * - a change made through this process (any mutation) drops the snapshot before the mutation's
 *   answer leaves, so the next request — the gateway's next routing poll included — reads anew;
 * - a change made through another cluster replica drops it when that replica's NOTIFY arrives
 *   (milliseconds), and in any case the snapshot is never served older than `maxAgeMs`
 *   (REGISTRY_SNAPSHOT_MAX_AGE_MS, 1 s): a NOTIFY lost or a row changed by hand in SQL is seen
 *   within a second;
 * - a load that was running when a change arrived is not kept (generation count), so a read
 *   that began before a suspension can never put the firm back.
 * Mutations themselves (and what their resolvers look up: the anchor of a programme, the
 * suppliers, an application) and the gateway's `routingTable` read the database directly, as
 * before. A suspension therefore reaches the gateway at its next registry poll, as before.
 */
export const REGISTRY_SNAPSHOT_MAX_AGE_MS = 1000;

/** Cluster replicas tell each other that the registry changed (payload: the sender's pid, for logs). */
export const REGISTRY_CHANGED_CHANNEL = 'clustergraph_registry_changed';

export interface Snapshot {
  /** Every member, in `MemberRegistry.list()` order (joined_at, id: the database's collation). */
  rows: readonly MemberRow[];
  byId: ReadonlyMap<string, MemberRow>;
}

export class RegistrySnapshot {
  private cached: { loading: Promise<Snapshot>; loadedAt: number } | null = null;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<MemberRow[]>,
    private readonly maxAgeMs = REGISTRY_SNAPSHOT_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The registry as of at most `maxAgeMs` ago (and after every change announced since); one load shared by every request meanwhile. */
  get(): Promise<Snapshot> {
    const cached = this.cached;
    if (cached && this.now() - cached.loadedAt < this.maxAgeMs) return cached.loading;
    const generation = this.generation;
    // The age counts from when the read started: what it returns is at least that fresh.
    const entry = { loading: this.load().then(snapshotOf), loadedAt: this.now() };
    this.cached = entry;
    entry.loading.then(
      () => {
        if (generation !== this.generation && this.cached === entry) this.cached = null;
      },
      () => {
        if (this.cached === entry) this.cached = null;
      },
    );
    return entry.loading;
  }

  /** Forgets the snapshot: the next get() reads the registry again. */
  invalidate(): void {
    this.generation++;
    this.cached = null;
  }
}

function snapshotOf(rows: MemberRow[]): Snapshot {
  // The snapshot is shared by concurrent requests: nobody may change it in place (readers get copies, `copyOf`).
  for (const row of rows) {
    Object.freeze(row.roles);
    Object.freeze(row.requestedRoles);
    Object.freeze(row.appliedProcesses);
    Object.freeze(row);
  }
  Object.freeze(rows);
  return { rows, byId: new Map(rows.map((row) => [row.id, row])) };
}

/**
 * A request's own copy of a snapshot row: what it does with it (@apollo/subgraph sets
 * `__typename` on an entity it resolved) stays in that request.
 */
function copyOf(row: MemberRow): MemberRow {
  // Shallow: its arrays stay the snapshot's, frozen (changing one throws instead of reaching other requests).
  return { ...row };
}

/** Whether a request reads the snapshot or the database; a mutation reads the database. */
export interface RegistryReadMode {
  fresh: boolean;
}

/**
 * The registry as one request sees it: reads from the snapshot (in a query) or from the
 * database (in a mutation, once `mode.fresh` is set); writes go to the database as always.
 */
export class SnapshotRegistry extends MemberRegistry {
  constructor(
    db: Database<ClusterSchema>,
    private readonly snapshot: RegistrySnapshot,
    private readonly mode: RegistryReadMode,
  ) {
    super(db);
  }

  override async list(filter: MemberFilter = {}): Promise<MemberRow[]> {
    if (this.mode.fresh) return super.list(filter);
    const { rows } = await this.snapshot.get();
    return rows.filter((row) => (!filter.role || row.roles.includes(filter.role)) && (!filter.status || row.status === filter.status)).map(copyOf);
  }

  override async find(id: string): Promise<MemberRow | null> {
    if (this.mode.fresh) return super.find(id);
    const row = (await this.snapshot.get()).byId.get(id);
    return row ? copyOf(row) : null;
  }

  override async findMany(ids: readonly string[]): Promise<Map<string, MemberRow>> {
    if (this.mode.fresh) return super.findMany(ids);
    const { byId } = await this.snapshot.get();
    const found = new Map<string, MemberRow>();
    for (const id of ids) {
      const row = byId.get(id);
      if (row && !found.has(id)) found.set(id, copyOf(row));
    }
    return found;
  }

  override async countByStatus(status: MemberStatus): Promise<number> {
    if (this.mode.fresh) return super.countByStatus(status);
    return (await this.snapshot.get()).rows.filter((row) => row.status === status).length;
  }
}

/**
 * Apollo plugin of the cluster subgraph: a mutation reads the registry from the database
 * (`mode.fresh` before any resolver runs) and, when it is done, drops this process's snapshot
 * and tells the other replicas (NOTIFY) — before its answer is sent.
 */
export function registrySnapshotPlugin<TContext extends { registryReads: RegistryReadMode }>(
  snapshot: RegistrySnapshot,
  announce: () => Promise<void>,
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let mutation = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          mutation = true;
          contextValue.registryReads.fresh = true;
        },
        async willSendResponse() {
          if (!mutation) return;
          snapshot.invalidate();
          await announce().catch((error: unknown) => logger.warn({ err: error }, 'could not announce a registry change to other replicas'));
        },
      };
    },
  };
}
