import { metrics, memberLabel, withClientSpan } from '@clustergraph/runtime';
import { SubgraphCallError } from '../http/subgraphHttpClient.ts';

/** How a fetch to a member ended, for `clustergraph_member_requests_total`. */
export type MemberCallOutcome = 'ok' | 'error' | 'timeout' | 'unreachable' | 'unavailable';

/**
 * One fetch to one member, in a CLIENT span (`memberId`, the operation name) whose traceparent
 * goes along, counted and timed under the member's id. `known`: the member is registered —
 * ids a client names in `memberIds` but the registry does not know count as `unknown`.
 */
export async function observeMemberCall<T>(
  memberId: string,
  known: boolean,
  operationName: string | null | undefined,
  call: (traceHeaders: Record<string, string>) => Promise<T>,
): Promise<T> {
  const member = memberLabel(memberId, known);
  const started = performance.now();
  let outcome: MemberCallOutcome = 'ok';
  try {
    return await withClientSpan(`member ${memberId}`, { memberId, 'graphql.operation.name': (operationName ?? 'anonymous').slice(0, 100) }, call);
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    metrics.memberRequests.inc({ member, outcome });
    metrics.memberDuration.observe({ member }, seconds);
    metrics.subgraphRequests.inc({ subgraph: 'member', outcome });
    metrics.subgraphDuration.observe({ subgraph: 'member' }, seconds);
  }
}

/** A member part answered without a fetch (not routable, circuit open). */
export function countUnavailableMember(memberId: string, known: boolean): void {
  metrics.memberRequests.inc({ member: memberLabel(memberId, known), outcome: 'unavailable' });
}

/** One fetch to the cluster subgraph, in a CLIENT span, counted and timed. */
export async function observeClusterCall<T>(operationName: string | null | undefined, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome: MemberCallOutcome = 'ok';
  try {
    return await withClientSpan('cluster subgraph', { 'graphql.operation.name': (operationName ?? 'anonymous').slice(0, 100) }, () => call());
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    metrics.subgraphRequests.inc({ subgraph: 'cluster', outcome });
    metrics.subgraphDuration.observe({ subgraph: 'cluster' }, (performance.now() - started) / 1000);
  }
}

function outcomeOf(error: unknown): MemberCallOutcome {
  const message = error instanceof Error ? error.message : '';
  if (/no answer within|no answer in time|TimeoutError/.test(message) || (error as Error | null)?.name === 'TimeoutError') return 'timeout';
  if (error instanceof SubgraphCallError) return error.transport ? 'unreachable' : 'error';
  return /unavailable|connection failed/i.test(message) ? 'unreachable' : 'error';
}
