import type { RoutingEntryResolvers } from '../__generated__/resolvers-types.ts';

export const RoutingEntry: RoutingEntryResolvers = {
  memberId: (row) => row.id,
};
