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
import { sharingMutations } from './Mutation.sharing.ts';
import { memberSovereigntyFields } from './Member.sovereignty.ts';
import { lineEventFields } from './Line.events.ts';
import { LineStatusEvent } from './LineStatusEvent.ts';
import { Subscription } from './Subscription.ts';
import { lineEventMutations } from './Mutation.lineEvents.ts';
import { lineEventQueries } from './Query.lineEvents.ts';
import { withAnalyticsResolvers } from './analytics.ts';
import { spreadsheetMutations } from './Mutation.spreadsheets.ts';
import { portabilityMutations } from './Mutation.portability.ts';
import { withFreezeRefusals } from '../portability/freezeRefusals.ts';

const resolvers: Resolvers = withAnalyticsResolvers({
  ...scalarResolvers,
  Query: { ...Query, ...lineEventQueries },
  Member: { ...Member, ...memberSovereigntyFields },
  Line: { ...Line, ...lineEventFields },
  LineStatusEvent,
  Subscription,
  Allocation,
  Mutation: {
    ...lineMutations,
    ...profileMutations,
    ...capacityMutations,
    ...productionMutations,
    ...allocationMutations,
    ...sharingMutations,
    ...lineEventMutations,
    ...spreadsheetMutations,
    ...portabilityMutations,
  },
});

/** Every resolver of the member subgraph, typed against the standard's SDL; a write that meets a move's freeze says MEMBER_MOVING. */
export const memberResolvers: Resolvers = { ...resolvers, Mutation: withFreezeRefusals(resolvers.Mutation ?? {}) };
