import { maySeeApplication } from '../access.ts';
import type { MemberCopyDeletionRow } from '../db/schema.ts';
import type { MemberResolvers } from '../__generated__/resolvers-types.ts';

/** A recorded deletion as the API gives it (the host's record as JSON text). */
export function copyDeletionAnswer(row: MemberCopyDeletionRow) {
  return {
    memberId: row.memberId,
    endpoint: row.endpoint,
    deletedBy: row.deletedBy,
    deletedAt: row.deletedAt,
    recordedAt: row.recordedAt,
    hostRecord: JSON.stringify(row.hostRecord),
  };
}

// The other fields are columns of the same name on the row.
export const Member: MemberResolvers = {
  __resolveReference: (reference, { memberById }) => memberById.load(reference.id),
  // An application's reasons (a rejection, a failed approval) are between the firm and the leader.
  statusReason: (member, _args, { auth, profile }) =>
    (member.status === 'PENDING' || member.status === 'REJECTED') && !maySeeApplication(auth, profile.leaderId, member.id) ? null : member.statusReason,
  endpoint: (member, _args, { auth, profile }) => (maySeeApplication(auth, profile.leaderId, member.id) ? member.endpoint : null),
  // Asks the firm's current server (its member check): for whoever may see the endpoint.
  transfer: async (member, _args, { auth, profile, servers }) => {
    if (!member.endpoint || !maySeeApplication(auth, profile.leaderId, member.id)) return null;
    const answer = await servers.read(member.endpoint);
    if (answer.kind !== 'answered' || answer.report.memberId !== member.id) return null;
    return answer.report.transfer;
  },
  copyDeletions: async (member, _args, { auth, profile, registry }) =>
    maySeeApplication(auth, profile.leaderId, member.id) ? (await registry.copyDeletions(member.id)).map(copyDeletionAnswer) : [],
};
