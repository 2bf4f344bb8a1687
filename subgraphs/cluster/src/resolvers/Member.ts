import { maySeeApplication } from '../access.ts';
import type { MemberResolvers } from '../__generated__/resolvers-types.ts';

// The other fields are columns of the same name on the row.
export const Member: MemberResolvers = {
  __resolveReference: (reference, { memberById }) => memberById.load(reference.id),
  // An application's reasons (a rejection, a failed approval) are between the firm and the leader.
  statusReason: (member, _args, { auth, profile }) =>
    (member.status === 'PENDING' || member.status === 'REJECTED') && !maySeeApplication(auth, profile.leaderId, member.id) ? null : member.statusReason,
  endpoint: (member, _args, { auth, profile }) => (maySeeApplication(auth, profile.leaderId, member.id) ? member.endpoint : null),
};
