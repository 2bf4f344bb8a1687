import { scalarResolvers } from '@clustergraph/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Cluster } from './Cluster.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { RoutingEntry } from './RoutingEntry.ts';
import { meQuery, Viewer } from './Query.me.ts';
import { JointOrder } from './JointOrder.ts';
import { Allocation, NeighbourAssignment } from './Allocation.ts';
import { planningMutation } from './Mutation.planning.ts';
import { PlannedAllocation, ProductionPlan } from './ProductionPlan.ts';
import { planningQuery } from './Query.planning.ts';
import { programmeMutations, programmeQueries, ProgrammeSupplier, SupportProgramme } from './SupportProgramme.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...meQuery, ...planningQuery, ...programmeQueries },
  Mutation: { ...Mutation, ...planningMutation, ...programmeMutations },
  Cluster,
  Member,
  RoutingEntry,
  Viewer,
  JointOrder,
  ProductionPlan,
  PlannedAllocation,
  Allocation,
  NeighbourAssignment,
  SupportProgramme,
  ProgrammeSupplier,
};
