/**
 * The registry's enum values as runtime lists. They mirror MemberRole and MemberStatus
 * in the SDL (schema/src/cluster.graphql); the generated types keep them in step, and
 * living outside `__generated__` lets the drizzle schema use them without an import cycle.
 */
export const MEMBER_ROLES = ['LEADER', 'PARTNER', 'ANCHOR'] as const;
export type MemberRoleValue = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'QUARANTINED'] as const;
export type MemberStatusValue = (typeof MEMBER_STATUSES)[number];
