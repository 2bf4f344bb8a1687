import { scalarResolvers } from '@clustergraph/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Query } from './Query.ts';
import { Member } from './Member.ts';
import { Line } from './Line.ts';
import { Allocation } from './Allocation.ts';
import { capacityMutations } from './Mutation.capacity.ts';
import { lineMutations } from './Mutation.lines.ts';
import { profileMutations } from './Mutation.profile.ts';
import { productionMutations } from './Mutation.production.ts';
import { allocationMutations } from './Mutation.allocations.ts';

/** Every resolver of the member subgraph, typed against the standard's SDL. */
export const memberResolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Member,
  Line,
  Allocation,
  Mutation: { ...lineMutations, ...profileMutations, ...capacityMutations, ...productionMutations, ...allocationMutations },
};
