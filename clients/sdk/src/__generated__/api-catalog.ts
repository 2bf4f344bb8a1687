/** Root fields of schema/api.graphql, by operation type. */
export const apiRootFields = {
  Query: ['cluster', 'demandCapacity', 'jointOrder', 'jointOrders', 'lineEvents', 'lines', 'me', 'member', 'members', 'productionPlan', 'supportProgrammes'],
  Mutation: ['acknowledgeAnomaly', 'approveMember', 'beginMemberMove', 'cancelJointOrder', 'cancelMemberMove', 'createJointOrder', 'createSupportProgramme', 'deleteHostedCopy', 'exportMemberData', 'grantSharing', 'importCapacity', 'importProduction', 'planJointOrder', 'planJointOrders', 'proposeAllocations', 'proposePlan', 'registerMember', 'rejectMember', 'removeLine', 'reportAllocationProgress', 'reportLineEvents', 'reportProduction', 'respondToAllocation', 'revokeSharing', 'setCapabilities', 'setCapacity', 'setSelfAssessment', 'setSmartFactoryLevel', 'suspendMember', 'updateJointOrder', 'updateMemberEndpoint', 'updateSharing', 'upsertLine', 'withdrawAllocation'],
  Subscription: ['lineStatusChanged'],
} as const;

/** Values of every enum of schema/api.graphql (codegen sorts them by name). */
export const apiEnums = {
  AllocationStatus: ['ACCEPTED', 'DECLINED', 'DONE', 'IN_PROGRESS', 'PROPOSED', 'WITHDRAWN'],
  AnalyticsSource: ['LINE_EVENTS', 'MIXED', 'PRODUCTION_RECORDS'],
  AnomalyKind: ['CYCLE_TIME_DRIFT', 'SCRAP_RATE_SHIFT'],
  AnomalyStatus: ['ENDED', 'ONGOING'],
  DataCategory: ['AI_INSIGHTS', 'CAPABILITY', 'CAPACITY', 'ENERGY', 'LINE_STATUS', 'ORDERS', 'PRODUCTION', 'PROFILE', 'QUALITY'],
  DemandCapacityStatus: ['BOTTLENECK', 'BOTTLENECK_FLEXIBLE', 'OK'],
  EvidenceSource: ['DATA', 'SELF_ASSESSMENT'],
  Granularity: ['AGGREGATED', 'RAW'],
  JointOrderStatus: ['CANCELLED', 'CONFIRMED', 'DONE', 'DRAFT', 'IN_PRODUCTION', 'PLANNED', 'PROPOSED'],
  LineState: ['CHANGEOVER', 'DOWN', 'IDLE', 'MAINTENANCE', 'OFFLINE', 'RUNNING'],
  MemberHosting: ['HOSTED', 'SELF_HOSTED'],
  MemberRole: ['ANCHOR', 'LEADER', 'PARTNER'],
  MemberStatus: ['ACTIVE', 'PENDING', 'QUARANTINED', 'REJECTED', 'SUSPENDED'],
  MemberTransferState: ['MOVED', 'MOVING', 'SERVING'],
  PlanChangeKind: ['ADDED', 'CHANGED', 'REMOVED'],
  PlannedAllocationStatus: ['ACCEPTED', 'DECLINED', 'DONE', 'IN_PROGRESS', 'NOT_PROPOSED', 'PROPOSED'],
  PlanStatus: ['DRAFT', 'INFEASIBLE', 'PROPOSED', 'SUPERSEDED'],
  PlanSuggestionKind: ['ACCEPT_LATENESS', 'ALLOW_MEMBER', 'EXTEND_DUE_DATE'],
  PlanTrigger: ['CAPACITY_CHANGE', 'DECLINE', 'MANUAL'],
  PlanViolationKind: ['CAPABILITY', 'CAPACITY', 'CURRENT_WEEK_HOURS', 'MIN_LOT', 'PAST_WEEK', 'PIN', 'QUANTITY', 'ROUTING_ORDER'],
  PolicyPurpose: ['AI_TRANSITION', 'ANY', 'BENCHMARKING', 'JOINT_PLANNING', 'MONITORING'],
  ProcessType: ['ASSEMBLY', 'CASTING', 'CNC_MACHINING', 'FORGING', 'HEAT_TREATMENT', 'INJECTION_MOLDING', 'INSPECTION', 'PACKAGING', 'PAINTING', 'PRESSING', 'SURFACE_TREATMENT', 'WELDING'],
  ProgrammeKpi: ['DEFECT_RATE', 'ENERGY_PER_UNIT', 'OEE', 'ON_TIME_DELIVERY', 'PRODUCTIVITY'],
  Purpose: ['AI_TRANSITION', 'BENCHMARKING', 'JOINT_PLANNING', 'MONITORING'],
  RiskLevel: ['HIGH', 'LOW', 'MEDIUM'],
  WithdrawalState: ['PENDING', 'REFUSED', 'WITHDRAWN'],
} as const;
