/**
 * Public contract of the joint-order planner. Pure data; no DB, GraphQL or network.
 *
 * Units: quantities in pieces, hours in hours, money in the cluster's currency,
 * dates as ISO 'YYYY-MM-DD', weeks keyed by their Monday (ISO week, DCM buckets).
 */

import type { PlanSuggestionKind, PlanViolationKind, ProcessType } from '@clustergraph/schema/values';

// The standard's values (generated from its SDL), with what each violation and suggestion kind means.
export { PROCESS_TYPES, type PlanSuggestionKind, type PlanViolationKind, type ProcessType } from '@clustergraph/schema/values';

export interface Operation {
  process: ProcessType;
  hoursPerUnit: number;
  /** Setup hours charged once per lot, i.e. per (member, week) that gets work. Default 0. */
  setupHours?: number;
  /** A member that gets this operation's work in a week gets at least this many units. Default 1. */
  minLotSize?: number;
  /** Certification the member must hold for this process (e.g. 'IATF16949'). */
  certification?: string;
  /** Days needed to move output to a *different* member for the next operation. Default 0. */
  transportDaysToNext?: number;
}

export interface JointOrder {
  id: string;
  code: string;
  quantity: number;
  /** ISO date; the order is late by the days between this date and the end (Sunday) of its completion week. */
  dueDate: string;
  /** Multiplies the lateness penalty (values below 1 count as 1). */
  priority: number;
  routing: Operation[];
}

export interface MemberProcess {
  process: ProcessType;
  certifications: string[];
}

export interface WeeklyCapacity {
  process: ProcessType;
  /** Monday of the ISO week, 'YYYY-MM-DD'. */
  weekStart: string;
  /** Hours still free (hours committed to confirmed orders already removed). */
  availableHours: number;
  pricePerHour: number;
}

export interface Member {
  id: string;
  region: string;
  processes: MemberProcess[];
  capacity: WeeklyCapacity[];
}

/**
 * Transport between members. Cost is per unit and km (document: per unit·km, not per shipment):
 * moving q units of an operation's output from a member in region A to a different member in
 * region B costs q × distanceKm(A, B) × costPerUnitKm. Output that stays with the same member
 * costs nothing. Lead times come from Operation.transportDaysToNext.
 */
export interface TransportModel {
  distanceKm(fromRegion: string, toRegion: string): number;
  costPerUnitKm: number;
}

export interface PlanInput {
  orders: JointOrder[];
  members: Member[];
  /** Default: defaultTransportModel() (Korean industrial regions, 0.02 per unit·km). */
  transport?: TransportModel;
  /**
   * Planning weeks (Mondays). Default: every weekStart found in members' capacity, from the
   * earliest to the latest, without gaps.
   */
  weeks?: string[];
  /**
   * The planner's clock (ISO date-time). When given, no new work goes into a week before the
   * current one, and the current week offers only the share of its hours still ahead
   * (clock.ts); pinned allocations keep their weeks. When absent, every week counts in full.
   */
  now?: string;
}

export interface PlanWeights {
  /** Multiplier on production cost (price/h × hours). Default 1. */
  cost: number;
  /** Multiplier on transport cost. Default 1. */
  transport: number;
  /** Money per late day per order (times the order's priority). Default 1000. */
  lateness: number;
  /** Money per extra member an operation is split across (members used − 1). Default 500. */
  split: number;
}

/** An allocation the caller pins, e.g. one a member has already accepted. */
export interface FixedAllocation {
  memberId: string;
  jointOrderId: string;
  operationIndex: number;
  weekStart: string;
  quantity: number;
}

export interface PlanOptions {
  /** Wall-clock budget for the whole optimisation (greedy, model build, solve). Default 10. */
  timeLimitSeconds?: number;
  /** Relative gap at which the search stops as optimal. Default 0.001. */
  mipGap?: number;
  excludeMemberIds?: string[];
  weights?: Partial<PlanWeights>;
  /** At most this many members per operation (hard cap). */
  maxMembersPerOperation?: number;
  fixedAllocations?: FixedAllocation[];
  /** Seed of the large-neighbourhood search's random choices. Default 1. */
  seed?: number;
  /**
   * 'auto' (default): one HiGHS MIP of the whole model (greedy start) for small instances, the
   * decomposition by order for big ones; 'mip': always the whole MIP; 'decompose': always the
   * decomposition (chain search + MIP polish, bound = Σ per-order bounds).
   */
  strategy?: 'auto' | 'mip' | 'decompose';
  /** Diagnostics: the decomposition's progress on stderr (set from PLANNER_DEBUG=1 at the service's edge). Default false. */
  debug?: boolean;
}

export type SolverStatus = 'OPTIMAL' | 'TIME_LIMIT' | 'INFEASIBLE' | 'GREEDY_FALLBACK' | 'GREEDY' | 'EMPTY';

export interface Allocation {
  memberId: string;
  jointOrderId: string;
  operationIndex: number;
  process: ProcessType;
  weekStart: string;
  quantity: number;
  /** quantity × hoursPerUnit + setupHours (one lot). */
  hours: number;
  /** Production cost: hours × pricePerHour. */
  cost: number;
}

export interface CostBreakdown {
  production: number;
  transport: number;
  /** Lateness penalty money: Σ orders lateDays × weights.lateness × priority. */
  lateness: number;
  /** Split penalty money: Σ operations (members used − 1) × weights.split. */
  split: number;
}

export interface OrderOutcome {
  jointOrderId: string;
  /** Sunday of the week the last operation finishes; null if the order is not (fully) planned. */
  completionDate: string | null;
  lateDays: number;
  planned: boolean;
}

export interface PlanResult {
  solverStatus: SolverStatus;
  /** Relative gap (objective − bestBound) / objective; null when no bound is known. */
  gap: number | null;
  /** A proven lower bound on the objective (HiGHS dual bound); null when unknown. */
  bestBound: number | null;
  /** Weighted objective: cost·production + transport·transport + lateness + split. */
  objective: number;
  /** Money actually paid: production + transport. */
  totalCost: number;
  costBreakdown: CostBreakdown;
  /** Sum of late days over orders (see maxLateDays for the worst order). */
  lateDays: number;
  maxLateDays: number;
  /** Latest completion date over all planned orders. */
  completionDate: string | null;
  orders: OrderOutcome[];
  allocations: Allocation[];
  /** Ids of orders that could not be planned completely (see explanation). */
  infeasibleOrderIds: string[];
  explanation: string[];
  /**
   * What validatePlan found wrong with a candidate plan. The orders concerned are in
   * infeasibleOrderIds and none of their (new) allocations is returned: such a plan is never proposed.
   */
  violations: PlanViolation[];
  /** What the leader can do about the infeasible orders (extend the due date, allow a member, accept lateness). */
  suggestions: PlanSuggestion[];
  stats: PlanStats;
}

export interface PlanViolation {
  kind: PlanViolationKind;
  jointOrderId: string;
  operationIndex: number | null;
  process: ProcessType | null;
  memberId: string | null;
  weekStart: string | null;
  message: string;
}

export interface PlanSuggestion {
  kind: PlanSuggestionKind;
  jointOrderId: string;
  message: string;
  /** EXTEND_DUE_DATE: a due date the members' free hours could meet. */
  dueDate: string | null;
  /** ALLOW_MEMBER: the member to allow. */
  memberId: string | null;
  process: ProcessType | null;
  /** ACCEPT_LATENESS: completion date of a plan that keeps only what is fixed and finishes late. */
  completionDate: string | null;
}

export interface PlanStats {
  columns: number;
  integerColumns: number;
  rows: number;
  buildSeconds: number;
  solveSeconds: number;
  greedyObjective: number | null;
  lnsIterations: number;
  /** True when the safety net returned the greedy plan instead of the solver's (should not happen). */
  greedyKept: boolean;
}
