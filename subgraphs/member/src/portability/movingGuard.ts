import { Kind, OperationTypeNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MemberContext } from '../context.ts';
import { MemberMovingError } from '../errors.ts';
import type { TransferState } from './transferState.ts';

/** What a MOVING server still does besides reads: export (the point of the state) and ending or re-confirming the move. */
export const MUTATIONS_WHILE_MOVING: ReadonlySet<string> = new Set(['exportMemberData', 'beginMemberMove', 'cancelMemberMove']);

/**
 * Refuses, before anything runs, what a server in a move must not do: every operation once its
 * copy was deleted (MEMBER_MOVED), and every write but the move's own while MOVING
 * (MEMBER_MOVING, naming the first refused field). The freeze trigger in the database is the
 * backstop for writes that do not come through GraphQL (MQTT, the simulator, the capacity guard).
 */
export function movingGuardPlugin(transfer: TransferState, memberId: string): ApolloServerPlugin<MemberContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          transfer.assertHoldsData();
          const status = transfer.current;
          if (status.state !== 'MOVING' || operation?.operation !== OperationTypeNode.MUTATION) return;
          for (const selection of operation.selectionSet.selections) {
            // A fragment on Mutation is refused whole: what it writes is not worth unfolding here.
            if (selection.kind !== Kind.FIELD) throw new MemberMovingError(memberId, 'mutation', status.since);
            if (selection.name.value === '__typename') continue;
            if (!MUTATIONS_WHILE_MOVING.has(selection.name.value)) throw new MemberMovingError(memberId, selection.name.value, status.since);
          }
        },
      };
    },
  };
}
