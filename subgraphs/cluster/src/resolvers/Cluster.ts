import type { ClusterResolvers } from '../__generated__/resolvers-types.ts';

export const Cluster: ClusterResolvers = {
  memberCount: (_profile, _args, { registry }) => registry.countByStatus('ACTIVE'),
};
