import type { MutationResolvers, ProgrammeSupplierResolvers, QueryResolvers, SupportProgrammeResolvers } from '../__generated__/resolvers-types.ts';
import { baselinePeriod, currentPeriod, plantMonday } from '../programmes/periods.ts';
import { checkPeriod, checkSuppliers, DEFAULT_BASELINE_WEEKS, requireAnchorAdmin } from '../programmes/programmeAccess.ts';

export const programmeQueries: Pick<QueryResolvers, 'supportProgrammes'> = {
  /**
   * Programmes are visible to the anchor that runs them, the suppliers in them and the
   * cluster leader; anonymous visitors see none. What each supplier's progress shows is
   * decided again by the supplier's own subgraph when the gateway resolves it.
   */
  async supportProgrammes(_parent, { anchorId }, { auth, profile, programmes }) {
    const viewer = auth.viewer;
    if (!viewer) return [];
    const seesAll = viewer.memberId === profile.leaderId;
    return programmes.list({ anchorId: anchorId ?? null, visibleTo: seesAll ? null : viewer.memberId });
  },
};

export const programmeMutations: Pick<MutationResolvers, 'createSupportProgramme'> = {
  async createSupportProgramme(_parent, { input }, { auth, memberById, registry, programmes }) {
    const anchorId = input.anchorId ?? auth.viewer?.memberId ?? '';
    requireAnchorAdmin(auth, await memberById.load(anchorId), anchorId);
    const startDate = input.startDate ?? plantMonday(new Date());
    const baselineWeeks = input.baselineWeeks ?? DEFAULT_BASELINE_WEEKS;
    checkPeriod(startDate, baselineWeeks);
    checkSuppliers(input.supplierIds, anchorId, await registry.findMany(input.supplierIds));
    const name = input.name.trim();
    return programmes.create({
      name: name || `Support programme of ${anchorId}`,
      anchorId,
      startDate,
      baselineWeeks,
      supplierIds: input.supplierIds,
      createdBy: auth.viewer!.userId,
    });
  },
};

export const SupportProgramme: SupportProgrammeResolvers = {
  anchor: async (programme, _args, { memberById }) => (await memberById.load(programme.anchorId))!,
  baseline: (programme) => baselinePeriod(programme.startDate, programme.baselineWeeks),
  current: (programme) => currentPeriod(programme.startDate, programme.baselineWeeks, new Date()),
};

export const ProgrammeSupplier: ProgrammeSupplierResolvers = {
  member: async (supplier, _args, { memberById }) => (await memberById.load(supplier.memberId))!,
  // Only the key: the gateway routes it to the supplier's subgraph, which computes the progress.
  progress: (supplier) => {
    const baseline = baselinePeriod(supplier.startDate, supplier.baselineWeeks);
    const current = currentPeriod(supplier.startDate, supplier.baselineWeeks, new Date());
    return {
      __typename: 'SupplierProgress' as const,
      memberId: supplier.memberId,
      programmeId: supplier.programmeId,
      baselineFrom: baseline.from,
      baselineTo: baseline.to,
      currentFrom: current.from,
      currentTo: current.to,
    };
  },
};
