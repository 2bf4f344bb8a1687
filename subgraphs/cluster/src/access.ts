import { ForbiddenError, isApplicant, type ForwardedAuth } from '@clustergraph/runtime';

/**
 * Who may do what in the registry. Reads are public (the cluster's profile and members
 * are its shop window); changing the registry is for the leader's admins; routing data
 * and quarantine are for the gateway alone. The gateway's system identity authorises
 * nothing else: a person's decision (approve, suspend, move an endpoint) needs that person.
 * A firm's own admins take part in its move (the checked endpoint switch, the deletion of its
 * hosted copy): registry/memberMoves.ts decides who may, with the checks.
 */

/** Applying to join needs a signed-in person. */
export function requireSignedIn(auth: ForwardedAuth): void {
  if (auth.viewer) return;
  throw new ForbiddenError('sign in to apply for membership', { required: 'SIGNED_IN' });
}

/**
 * An applicant (applicant@<id>, or its identity provider's applicant claim) applies for the id
 * its sign-in names and no other; anyone else signed in may file an application as before
 * (the leader's admin registering a firm by hand). It stays PENDING either way.
 */
export function requireMayApplyFor(auth: ForwardedAuth, memberId: string): void {
  requireSignedIn(auth);
  const viewer = auth.viewer!;
  if (!isApplicant(viewer) || viewer.memberId === memberId) return;
  throw new ForbiddenError(`this sign-in applies for ${viewer.memberId} only, not for ${memberId}`, { field: 'input.id', required: 'APPLICANT_OF_THIS_ID' });
}

/** A firm's application (its endpoint, the reason it is PENDING or REJECTED) is for the leader's admins and the firm's own people. */
export function maySeeApplication(auth: ForwardedAuth, leaderId: string | null, memberId: string): boolean {
  const viewer = auth.viewer;
  if (!viewer) return false;
  if (viewer.memberId === memberId) return true;
  return !isApplicant(viewer) && leaderId !== null && viewer.memberId === leaderId && viewer.roles.includes('admin');
}

/** Approving, suspending and moving members is the cluster leader's decision. */
export function requireLeaderAdmin(auth: ForwardedAuth, leaderId: string | null): void {
  const viewer = auth.viewer;
  if (viewer && !isApplicant(viewer) && leaderId !== null && viewer.memberId === leaderId && viewer.roles.includes('admin')) return;
  throw new ForbiddenError('only an admin of the cluster leader may change the registry', { required: 'LEADER_ADMIN' });
}

/** Routing table and quarantine belong to the gateway; people never call them. */
export function requireGateway(auth: ForwardedAuth): void {
  if (auth.system && !auth.viewer) return;
  throw new ForbiddenError('only the gateway may use this field', { required: 'SYSTEM' });
}

/** Joint orders and plans are the leader's business: any of its users may read them. */
export function requireLeaderUser(auth: ForwardedAuth, leaderId: string | null): void {
  const viewer = auth.viewer;
  if (viewer && !isApplicant(viewer) && leaderId !== null && viewer.memberId === leaderId) return;
  throw new ForbiddenError("joint orders are visible to the cluster leader's users only", { required: 'LEADER_USER' });
}

/** Creating, planning and proposing joint orders needs a planner (or admin) of the leader. */
export function requireLeaderPlanner(auth: ForwardedAuth, leaderId: string | null): void {
  const viewer = auth.viewer;
  if (
    viewer &&
    !isApplicant(viewer) &&
    leaderId !== null &&
    viewer.memberId === leaderId &&
    (viewer.roles.includes('planner') || viewer.roles.includes('admin'))
  )
    return;
  throw new ForbiddenError('only a planner of the cluster leader may change joint orders and plans', { required: 'LEADER_PLANNER' });
}
