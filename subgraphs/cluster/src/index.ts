// The cluster subgraph as a library: what tests, the launcher and tools import.
// The planner has its own entry point (`@clustergraph/cluster-subgraph/planner`).
export { createClusterApp, type ClusterApp } from './app.ts';
export { loadClusterConfig, type ClusterConfig, type ClusterProfile } from './config.ts';
export type { ClusterContext } from './context.ts';
export { members, clusterSchema, type ClusterSchema, type MemberRow } from './db/schema.ts';
export { MEMBER_ROLES, MEMBER_STATUSES, type MemberRole as MemberRoleValue, type MemberStatus as MemberStatusValue } from '@clustergraph/schema/values';
export { MemberRegistry, type MemberFilter } from './registry/memberRegistry.ts';
export { deriveMemberId, validateRegistration, type MemberRegistration, type RegistrationInput } from './registry/registrationInput.ts';
