/** Root fields of schema/api.graphql, by operation type. */
export const apiRootFields = {
  Query: ['cluster', 'lines', 'member', 'members'],
  Mutation: ['approveMember', 'proposeAllocations', 'registerMember', 'removeLine', 'reportAllocationProgress', 'reportProduction', 'respondToAllocation', 'setCapabilities', 'setCapacity', 'setSmartFactoryLevel', 'suspendMember', 'updateMemberEndpoint', 'upsertLine'],
  Subscription: [],
} as const;

/** Values of every enum of schema/api.graphql (codegen sorts them by name). */
export const apiEnums = {
  AllocationStatus: ['ACCEPTED', 'DECLINED', 'DONE', 'IN_PROGRESS', 'PROPOSED'],
  LineState: ['CHANGEOVER', 'DOWN', 'IDLE', 'MAINTENANCE', 'OFFLINE', 'RUNNING'],
  MemberRole: ['ANCHOR', 'LEADER', 'PARTNER'],
  MemberStatus: ['ACTIVE', 'PENDING', 'QUARANTINED', 'SUSPENDED'],
  ProcessType: ['ASSEMBLY', 'CASTING', 'CNC_MACHINING', 'FORGING', 'HEAT_TREATMENT', 'INJECTION_MOLDING', 'INSPECTION', 'PACKAGING', 'PAINTING', 'PRESSING', 'SURFACE_TREATMENT', 'WELDING'],
} as const;
