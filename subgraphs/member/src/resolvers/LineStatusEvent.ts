import type { LineStatusEventResolvers } from '../__generated__/resolvers-types.ts';
import type { LineRow } from '../db/schema.ts';

export const LineStatusEvent: LineStatusEventResolvers = {
  memberId: (_event, _args, context) => context.memberId,
  line(event, _args, context) {
    // Events are history and outlive a removed line: it is still named, by its id.
    return context.lineEvents.lines.get(event.lineId) ?? removedLine(event.lineId, event.at);
  },
  member: (_event, _args, context) => ({ id: context.memberId }),
};

function removedLine(id: string, at: Date): LineRow {
  return {
    id,
    name: id,
    processes: [],
    ratedUnitsPerHour: null,
    state: 'OFFLINE',
    stateSince: at,
    stateSeq: 0,
    stateReasonCode: null,
    createdAt: at,
    updatedAt: at,
  };
}
