import type { GraphQLError } from 'graphql';
import type { MemberContext } from '../context.ts';
import type { LineEvent } from './types.ts';

/**
 * Whether one pushed event may go to this subscriber: the owner's LINE_STATUS policies, asked
 * per event (policy changes reach a running subscription within POLICY_REFRESH_MS) and written
 * to the usage ledger. Null to deliver; the FORBIDDEN error ends the stream otherwise.
 */
export async function mayDeliver(_event: LineEvent, context: MemberContext): Promise<GraphQLError | null> {
  const decision = await context.access.canRead('LINE_STATUS', { records: 1 });
  return decision.allowed ? null : context.access.forbidden('LINE_STATUS', decision.reason);
}
