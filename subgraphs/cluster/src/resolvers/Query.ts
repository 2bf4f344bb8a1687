import { requireGateway } from '../access.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  // The profile and member list are public: the cluster's shop window, also for anonymous visitors.
  cluster: (_parent, _args, { profile }) => profile,
  members: (_parent, { role, status }, { registry }) => registry.list({ role, status }),
  member: (_parent, { id }, { memberById }) => memberById.load(id),
  routingTable: (_parent, _args, { auth, registry }) => {
    requireGateway(auth);
    // Every member, whatever its status: the gateway decides what it routes.
    return registry.list();
  },
};
