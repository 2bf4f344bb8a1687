import { GraphQLError } from 'graphql';
import { UnauthenticatedError } from '@clustergraph/runtime';
import { GatewayErrorCode } from '../errors.ts';
import type { MemberDirectory } from './types.ts';

/** The firm of a viewer is in the registry but not ACTIVE (an applicant, suspended or quarantined). */
export class MemberNotActiveError extends GraphQLError {
  constructor(
    readonly memberId: string,
    readonly status: string,
  ) {
    super(`member ${memberId} is ${status}: only ACTIVE members of the cluster may sign in and act`, {
      extensions: { code: GatewayErrorCode.MEMBER_NOT_ACTIVE, memberId, status, http: { status: 403 } },
    });
  }
}

/**
 * Who a viewer's firm is, as the registry says (the routing table, refreshed every few
 * seconds): it must be registered and ACTIVE, and its cluster roles are the ones the leader
 * granted. Nothing in a user's token becomes a cluster role.
 */
export function activeMemberRoles(directory: MemberDirectory, memberId: string): string[] {
  const status = directory.memberStatus(memberId);
  const roles = directory.memberRoles(memberId);
  if (status === undefined || roles === undefined) throw new UnauthenticatedError(`member ${memberId} is not registered in this cluster`);
  if (status !== 'ACTIVE') throw new MemberNotActiveError(memberId, status);
  return roles;
}
