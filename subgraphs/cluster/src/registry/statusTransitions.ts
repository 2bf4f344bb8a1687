import type { MemberStatus } from '@clustergraph/schema/values';

/**
 * The statuses a member may move to `target` from. Repeating a change is allowed (a retried
 * approval is not an error; a second suspension replaces the reason). A member the leader
 * suspended stays suspended when the gateway finds its SDL incompatible: the leader's
 * decision is the stronger one and only the leader lifts it. A rejected application may still
 * be approved (the leader changed its mind) or rejected again with a new reason; nothing else.
 */
export function statusesAllowedBefore(target: MemberStatus): readonly MemberStatus[] {
  switch (target) {
    case 'ACTIVE':
      return ['PENDING', 'SUSPENDED', 'QUARANTINED', 'ACTIVE', 'REJECTED'];
    case 'SUSPENDED':
      return ['PENDING', 'ACTIVE', 'QUARANTINED', 'SUSPENDED'];
    case 'QUARANTINED':
      return ['PENDING', 'ACTIVE', 'QUARANTINED'];
    case 'REJECTED':
      // Only an application is rejected; a member that was ACTIVE is suspended instead.
      return ['PENDING', 'REJECTED'];
    case 'PENDING':
      // Only a registration makes a member PENDING.
      return [];
    default: {
      const unreachable: never = target;
      throw new Error(`unknown member status ${String(unreachable)}`);
    }
  }
}
