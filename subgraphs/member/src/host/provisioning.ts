import { desc, eq } from 'drizzle-orm';
import type { Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import type { FirmDatabases } from './firmDatabases.ts';
import type { FirmPool } from './firmPool.ts';
import { conflict, unknownFirm } from './errors.ts';
import { hostedFirmDeletions, hostedFirms } from './hostTables.ts';
import { seedHostedFirm, type NewHostedFirm } from './seedFirm.ts';

export interface HostedFirm {
  memberId: string;
  name: string;
  processes: string[];
  createdAt: Date;
}

export interface ProvisioningOptions {
  databases: FirmDatabases;
  pool: FirmPool;
  /** `<host base>/firms/<id>/graphql`. */
  endpointOf(memberId: string): string;
  /** True when a demo profile will seed the firm (its app seeds it on open): no empty calendar then. */
  hasSeedProfile(memberId: string): boolean;
  logger: Logger;
}

const sameProcesses = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Which firms this host serves (hosted_firms, mirrored in memory: every request asks), and
 * the provisioning contract the cluster registry calls (README "Hosting many firms in one
 * process"): create (idempotent), list, delete with a record that outlives the firm.
 */
export class FirmProvisioning {
  private readonly firms = new Map<string, HostedFirm>();
  /** Firms being created or deleted: one change per firm at a time. */
  private readonly changing = new Map<string, Promise<unknown>>();
  /** Firms being deleted are no longer served. */
  private readonly deleting = new Set<string>();

  constructor(private readonly options: ProvisioningOptions) {}

  async load(): Promise<number> {
    const rows = await this.options.databases.host.select().from(hostedFirms);
    for (const row of rows) this.firms.set(row.memberId, row);
    return rows.length;
  }

  /** True for a firm this host serves now. */
  serves(memberId: string): boolean {
    return this.firms.has(memberId) && !this.deleting.has(memberId);
  }

  /** A firm being deleted is not opened again (FirmPool asks). */
  isDeleting(memberId: string): boolean {
    return this.deleting.has(memberId);
  }

  get count(): number {
    return this.firms.size;
  }

  get openCount(): number {
    return this.options.pool.openCount;
  }

  list(): Array<HostedFirm & { endpoint: string; state: 'LOADED' | 'IDLE' }> {
    return [...this.firms.values()]
      .sort((a, b) => a.memberId.localeCompare(b.memberId))
      .map((f) => ({ ...f, endpoint: this.options.endpointOf(f.memberId), state: this.options.pool.isOpen(f.memberId) ? 'LOADED' : 'IDLE' }));
  }

  /** 201 for a new firm, 200 for the same request again; 409 when the id is hosted with another name or processes. */
  provision(input: NewHostedFirm): Promise<{ created: boolean; memberId: string; endpoint: string }> {
    return this.serialised(input.memberId, async () => {
      const answer = (created: boolean) => ({ created, memberId: input.memberId, endpoint: this.options.endpointOf(input.memberId) });
      const existing = this.firms.get(input.memberId);
      if (existing) {
        if (existing.name !== input.name) throw conflict('name', `firm ${input.memberId} is hosted under another name`);
        if (!sameProcesses(existing.processes, input.processes)) throw conflict('processes', `firm ${input.memberId} is hosted with other processes`);
        return answer(false);
      }
      const { databases, pool, logger } = this.options;
      await databases.create(input.memberId);
      // Seeded before its app starts; the lease is given back at once (the firm closes when idle).
      const seed = this.options.hasSeedProfile(input.memberId) ? undefined : (database: { db: MemberDatabase }) => seedHostedFirm(database.db, input);
      const lease = await pool.acquire(input.memberId, 'request', seed);
      lease.release();
      const [row] = await databases.host
        .insert(hostedFirms)
        .values({ memberId: input.memberId, name: input.name, processes: input.processes, storage: databases.storageOf(input.memberId) })
        .onConflictDoNothing()
        .returning();
      const stored = row ?? (await databases.host.select().from(hostedFirms).where(eq(hostedFirms.memberId, input.memberId)))[0]!;
      this.firms.set(stored.memberId, stored);
      logger.info({ memberId: input.memberId, processes: input.processes }, 'hosted firm provisioned');
      return answer(row !== undefined);
    });
  }

  /**
   * Closes the firm, drops its data and records the deletion (rows removed per table). A
   * repeated call answers the recorded deletion; an id never hosted is a 404.
   */
  remove(memberId: string, requestedBy: string): Promise<{ memberId: string; deletedAt: string; rowsRemoved: Record<string, number> }> {
    return this.serialised(memberId, async () => {
      const { databases, pool, logger } = this.options;
      if (!this.firms.has(memberId)) {
        const [last] = await databases.host
          .select()
          .from(hostedFirmDeletions)
          .where(eq(hostedFirmDeletions.memberId, memberId))
          .orderBy(desc(hostedFirmDeletions.deletedAt))
          .limit(1);
        if (!last) throw unknownFirm(memberId);
        return { memberId, deletedAt: last.deletedAt.toISOString(), rowsRemoved: last.rowsRemoved };
      }
      this.deleting.add(memberId);
      try {
        await pool.close(memberId, 5_000);
        const rowsRemoved = await databases.drop(memberId);
        const deletedAt = new Date();
        const totalRows = Object.values(rowsRemoved).reduce((sum, n) => sum + n, 0);
        await databases.host.transaction(async (tx) => {
          await tx.insert(hostedFirmDeletions).values({ memberId, deletedAt, requestedBy, rowsRemoved, totalRows });
          await tx.delete(hostedFirms).where(eq(hostedFirms.memberId, memberId));
        });
        this.firms.delete(memberId);
        logger.info({ memberId, requestedBy, totalRows }, 'hosted firm deleted');
        return { memberId, deletedAt: deletedAt.toISOString(), rowsRemoved };
      } finally {
        this.deleting.delete(memberId);
      }
    });
  }

  private serialised<T>(memberId: string, change: () => Promise<T>): Promise<T> {
    const previous = this.changing.get(memberId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(change);
    const settled = next.catch(() => {});
    this.changing.set(memberId, settled);
    void settled.then(() => {
      if (this.changing.get(memberId) === settled) this.changing.delete(memberId);
    });
    return next;
  }
}
