export { planJointOrders, planGreedy } from './plan.ts';
export { defaultTransportModel, defaultDistanceKm, DEFAULT_REGIONS, SAME_REGION_KM } from './transport.ts';
export { DEFAULT_WEIGHTS } from './instance.ts';
export { isoWeekLabel, mondayOf, weekEnd } from './calendar.ts';
export { PROCESS_TYPES } from './types.ts';
export { validatePlan, transportWeeks, type PlannedWork, type ValidationChecks } from './validatePlan.ts';
export { allowedHours, currentWeekStart, shareOfWeekLeft, weekFactor, WORKING_DAYS_PER_WEEK } from './clock.ts';
export type {
  Allocation,
  CostBreakdown,
  FixedAllocation,
  JointOrder,
  Member,
  MemberProcess,
  Operation,
  OrderOutcome,
  PlanInput,
  PlanOptions,
  PlanResult,
  PlanStats,
  PlanSuggestion,
  PlanSuggestionKind,
  PlanViolation,
  PlanViolationKind,
  PlanWeights,
  ProcessType,
  SolverStatus,
  TransportModel,
  WeeklyCapacity,
} from './types.ts';
