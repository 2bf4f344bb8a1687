/**
 * Public contract of the joint-order planner. Pure data; no DB, GraphQL or network.
 *
 * Units: quantities in pieces, hours in hours, money in the cluster's currency,
 * dates as ISO 'YYYY-MM-DD', weeks keyed by their Monday (ISO week, DCM buckets).
 */

export const PROCESS_TYPES = [
  'CASTING',
  'FORGING',
  'PRESSING',
  'HEAT_TREATMENT',
  'INJECTION_MOLDING',
  'CNC_MACHINING',
  'WELDING',
  'SURFACE_TREATMENT',
  'PAINTING',
  'ASSEMBLY',
  'INSPECTION',
  'PACKAGING',
] as const;

export type ProcessType = (typeof PROCESS_TYPES)[number];

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
  stats: PlanStats;
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
