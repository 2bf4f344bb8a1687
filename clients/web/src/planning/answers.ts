/** What the order panel needs to know of a plan to decide whether to keep polling. */
export interface WatchedPlan {
  status: string;
  allocations: readonly { status: string; capacityConflict?: string | null }[];
}

/**
 * Whether the leader's order panel keeps polling: while the current plan is out with the members
 * and an answer is still due (an allocation PROPOSED), and while a re-plan is due — a decline, or
 * a capacity conflict on accepted work, that the cluster has read but not yet re-planned. The
 * cluster stores an answer before its HiGHS run, so a poll in between sees no PROPOSED allocation
 * left; stopping there would leave the superseded version on screen.
 */
export function watchingAnswers(plan: WatchedPlan | null | undefined): boolean {
  if (!plan || plan.status !== 'PROPOSED') return false;
  return plan.allocations.some((a) => a.status === 'PROPOSED' || a.status === 'DECLINED' || (a.status === 'ACCEPTED' && !!a.capacityConflict));
}
