import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '@clustergraph/runtime';
import { programmeSuppliers, supportProgrammes, type ClusterSchema } from '../db/schema.ts';
import type { SupportProgrammeValue } from './model.ts';

export interface NewProgramme {
  name: string;
  anchorId: string;
  startDate: string;
  baselineWeeks: number;
  supplierIds: readonly string[];
  createdBy: string;
}

/** Programmes and their suppliers in the cluster database. */
export class ProgrammeStore {
  constructor(private readonly db: Database<ClusterSchema>) {}

  async create(input: NewProgramme, now = new Date()): Promise<SupportProgrammeValue> {
    const id = `prog-${randomUUID().slice(0, 8)}`;
    await this.db.transaction(async (tx) => {
      await tx.insert(supportProgrammes).values({
        id,
        name: input.name,
        anchorId: input.anchorId,
        startDate: input.startDate,
        baselineWeeks: input.baselineWeeks,
        createdBy: input.createdBy,
        createdAt: now,
      });
      await tx.insert(programmeSuppliers).values(input.supplierIds.map((memberId, position) => ({ programmeId: id, memberId, position, joinedAt: now })));
    });
    return (await this.list({ ids: [id] }))[0]!;
  }

  /**
   * Programmes, oldest first, narrowed by id, anchor, or "visible to a firm" (it is the
   * anchor or one of the suppliers).
   */
  async list(filter: { ids?: readonly string[]; anchorId?: string | null; visibleTo?: string | null } = {}): Promise<SupportProgrammeValue[]> {
    let ids = filter.ids ? [...filter.ids] : null;
    if (filter.visibleTo) {
      const asSupplier = await this.db
        .select({ id: programmeSuppliers.programmeId })
        .from(programmeSuppliers)
        .where(eq(programmeSuppliers.memberId, filter.visibleTo));
      const asAnchor = await this.db.select({ id: supportProgrammes.id }).from(supportProgrammes).where(eq(supportProgrammes.anchorId, filter.visibleTo));
      const visible = new Set([...asSupplier, ...asAnchor].map((r) => r.id));
      ids = ids ? ids.filter((id) => visible.has(id)) : [...visible];
    }
    if (ids && ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(supportProgrammes)
      .where(ids ? inArray(supportProgrammes.id, ids) : undefined)
      .orderBy(asc(supportProgrammes.createdAt), asc(supportProgrammes.id));
    const programmes = rows.filter((r) => !filter.anchorId || r.anchorId === filter.anchorId);
    if (programmes.length === 0) return [];
    const suppliers = await this.db
      .select()
      .from(programmeSuppliers)
      .where(
        inArray(
          programmeSuppliers.programmeId,
          programmes.map((p) => p.id),
        ),
      )
      .orderBy(asc(programmeSuppliers.position));
    return programmes.map((p) => ({
      ...p,
      suppliers: suppliers
        .filter((s) => s.programmeId === p.id)
        .map((s) => ({ programmeId: p.id, memberId: s.memberId, joinedAt: s.joinedAt, startDate: p.startDate, baselineWeeks: p.baselineWeeks })),
    }));
  }
}
