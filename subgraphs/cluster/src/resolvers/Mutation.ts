import { ConflictError, InputValidator, isApplicant } from '@clustergraph/runtime';
import { requireGateway, requireLeaderAdmin, requireMayApplyFor, requireSignedIn } from '../access.ts';
import { validateGrantedRoles, validateRegistration } from '../registry/registrationInput.ts';
import { copyDeletionAnswer } from './Member.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

/** Like the members' reasons: a paragraph, not an upload. */
const MAX_REASON_LENGTH = 2000;

/** A non-empty, trimmed reason; a status change without one leaves the member guessing. */
function requireReason(reason: string): string {
  const trimmed = reason.trim();
  new InputValidator()
    .check(trimmed.length > 0, 'reason', 'must not be empty')
    .check(trimmed.length <= MAX_REASON_LENGTH, 'reason', `must be at most ${MAX_REASON_LENGTH} characters`)
    .throwIfInvalid();
  return trimmed;
}

export const Mutation: MutationResolvers = {
  registerMember: async (_parent, { input }, { auth, registry, profile, logger }) => {
    requireSignedIn(auth);
    // An applicant's sign-in names its firm: that is the id when the input gives none.
    const applicantId = isApplicant(auth.viewer) ? auth.viewer!.memberId : null;
    const registration = validateRegistration({ ...input, id: input.id ?? applicantId }, profile.leaderId);
    requireMayApplyFor(auth, registration.id);
    const member = await registry.insert(registration, 'PENDING');
    if (!member) throw new ConflictError(`a member with id ${registration.id} is already registered (or has applied)`, 'input.id');
    logger.info({ memberId: member.id, hosting: member.hosting, by: auth.viewer?.userId ?? 'system' }, 'member applied');
    return member;
  },

  approveMember: async (_parent, { id, roles }, { auth, approvals, profile, logger }) => {
    requireLeaderAdmin(auth, profile.leaderId);
    const granted = roles ? validateGrantedRoles(roles, id, profile.leaderId) : null;
    const member = await approvals.approve(id, granted);
    logger.info({ memberId: id, roles: member.roles, hosting: member.hosting, by: auth.viewer?.userId }, 'member approved');
    return member;
  },

  rejectMember: async (_parent, { id, reason }, { auth, registry, profile, logger }) => {
    requireLeaderAdmin(auth, profile.leaderId);
    const member = await registry.changeStatus(id, 'REJECTED', requireReason(reason));
    logger.info({ memberId: id, reason: member.statusReason, by: auth.viewer?.userId }, 'application rejected');
    return member;
  },

  suspendMember: async (_parent, { id, reason }, { auth, registry, profile, logger }) => {
    requireLeaderAdmin(auth, profile.leaderId);
    const member = await registry.changeStatus(id, 'SUSPENDED', requireReason(reason));
    logger.info({ memberId: id, reason: member.statusReason, by: auth.viewer?.userId ?? 'system' }, 'member suspended');
    return member;
  },

  updateMemberEndpoint: async (_parent, { id, endpoint }, { auth, moves, profile }) => moves.switchEndpoint(auth, profile.leaderId, id, endpoint),

  deleteHostedCopy: async (_parent, { id }, { auth, moves, profile }) => copyDeletionAnswer(await moves.deleteHostedCopy(auth, profile.leaderId, id)),

  quarantineMember: async (_parent, { id, reason }, { auth, registry, logger }) => {
    requireGateway(auth);
    const member = await registry.changeStatus(id, 'QUARANTINED', requireReason(reason));
    logger.warn({ memberId: id, reason: member.statusReason }, 'member quarantined');
    return member;
  },
};
