import { scalarResolvers } from '@clustergraph/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Cluster } from './Cluster.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { RoutingEntry } from './RoutingEntry.ts';

export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation, Cluster, Member, RoutingEntry };
