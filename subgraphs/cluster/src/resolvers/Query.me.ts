import { MEMBER_ROLES } from '@clustergraph/schema/values';
import type { MemberRole, QueryResolvers, ViewerResolvers } from '../__generated__/resolvers-types.ts';

/** Who is asking, as the gateway established it (null for anonymous visitors and the gateway itself). */
export const meQuery: Pick<QueryResolvers, 'me'> = {
  me: (_parent, _args, { auth }) => {
    const viewer = auth.viewer;
    if (!viewer) return null;
    return {
      userId: viewer.userId,
      memberId: viewer.memberId,
      roles: viewer.roles,
      memberRoles: viewer.memberRoles.filter((r): r is MemberRole => (MEMBER_ROLES as readonly string[]).includes(r)),
      member: null,
    };
  },
};

export const Viewer: ViewerResolvers = {
  member: (viewer, _args, { memberById }) => memberById.load(viewer.memberId),
};
