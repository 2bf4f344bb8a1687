import type { Logger } from '@clustergraph/runtime';
import type { PlannedAllocationRow } from '../db/planning.ts';
import { PlanningUnavailableError } from '../errors.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { withdrawFromMember } from './memberData.ts';
import type { PlanningStore } from './planningStore.ts';

/**
 * Taking allocations back from the members. A re-plan that drops work a member has (proposed
 * or accepted) and a cancelled order both withdraw it on the member (withdrawAllocation,
 * through the gateway), so it leaves that member's committedHours. The request is stored
 * first (withdrawalState PENDING on the version's row), then sent; what could not be sent
 * (member or gateway down) is retried by the reconciler; a member that says no for good
 * (work under way) leaves it REFUSED with its answer.
 */

/** Member-side statuses a withdrawal applies to (the others hold nothing, or are work under way). */
const WITHDRAWABLE: ReadonlySet<string> = new Set(['PROPOSED', 'ACCEPTED']);

export interface WithdrawalDeps {
  gateway: GatewayClient;
  store: PlanningStore;
  logger: Logger;
}

/** Rows of the previous version the members have, that the next version no longer holds (by member-side id). */
export function droppedAllocations(previous: readonly PlannedAllocationRow[], next: ReadonlyArray<{ allocationId: string }>): PlannedAllocationRow[] {
  const kept = new Set(next.map((r) => r.allocationId));
  const seen = new Set<string>();
  return previous.filter((row) => {
    if (!WITHDRAWABLE.has(row.status) || kept.has(row.allocationId) || seen.has(row.allocationId)) return false;
    seen.add(row.allocationId);
    return true;
  });
}

/** The rows of a cancelled order's current plan that its members still have. */
export function openAllocations(rows: readonly PlannedAllocationRow[]): PlannedAllocationRow[] {
  return droppedAllocations(rows, []);
}

/** Stores the withdrawal of `rows` and sends it; returns what is still pending afterwards. */
export async function withdrawAllocations(deps: WithdrawalDeps, rows: readonly PlannedAllocationRow[], reason: string): Promise<number> {
  if (rows.length === 0) return 0;
  await deps.store.requestWithdrawals(rows, reason);
  const keys = new Set(rows.map((r) => `${r.planId}|${r.position}`));
  return sendPendingWithdrawals(deps, (row) => keys.has(`${row.planId}|${row.position}`));
}

/** Sends the pending withdrawals (those `only` selects); returns how many are still pending. */
export async function sendPendingWithdrawals(deps: WithdrawalDeps, only?: (row: PlannedAllocationRow) => boolean): Promise<number> {
  const { gateway, store, logger } = deps;
  const pending = (await store.pendingWithdrawals()).filter((row) => !only || only(row));
  let left = 0;
  for (const row of pending) {
    try {
      const outcome = await withdrawFromMember(gateway, row.memberId, row.allocationId, row.withdrawReason ?? 'withdrawn by the cluster planner');
      if (outcome.ok) {
        await store.updateWithdrawal(row.planId, row.position, { withdrawalState: 'WITHDRAWN', withdrawnAt: new Date(), withdrawError: null });
        logger.info(
          { memberId: row.memberId, allocationId: row.allocationId, jointOrderId: row.jointOrderId, statusOnMember: outcome.status },
          'allocation withdrawn from its member',
        );
      } else if (outcome.refused) {
        await store.updateWithdrawal(row.planId, row.position, { withdrawalState: 'REFUSED', withdrawError: outcome.message });
        logger.warn({ memberId: row.memberId, allocationId: row.allocationId, error: outcome.message }, 'the member refused to withdraw an allocation');
      } else {
        left++;
        await store.updateWithdrawal(row.planId, row.position, { withdrawalState: 'PENDING', withdrawError: outcome.message });
      }
    } catch (error) {
      if (!(error instanceof PlanningUnavailableError)) throw error;
      left++;
      await store.updateWithdrawal(row.planId, row.position, { withdrawalState: 'PENDING', withdrawError: error.message });
    }
  }
  return left;
}
