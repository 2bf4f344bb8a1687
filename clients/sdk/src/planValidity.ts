import type { PlanSuggestionFieldsFragment, PlanViolationFieldsFragment, PlanViolationKind } from './__generated__/graphql.ts';
import { isoWeekLabel } from './weeks.ts';

/**
 * An INFEASIBLE plan in words for the leader (issue 14 §2), shared by the console and the CLI:
 * which rule broke where, and what can be done about it. The server's messages carry the
 * numbers; these add the rule's name in plain words and the place (operation, member, week).
 */
const RULES: Record<PlanViolationKind, string> = {
  ROUTING_ORDER: 'input not there in time',
  CAPACITY: 'more hours than the member has free',
  CURRENT_WEEK_HOURS: 'more new work than the hours left this week',
  PAST_WEEK: 'new work in a week already over',
  PIN: 'fixed work moved',
  QUANTITY: 'quantities do not add up to the order',
  MIN_LOT: 'a lot below the minimum lot size',
  CAPABILITY: 'a member that cannot do the operation',
};

export function violationRule(kind: PlanViolationKind): string {
  return RULES[kind] ?? kind;
}

/** Where a rule broke: "operation 1 (HEAT_TREATMENT) · Heat Partner · 2026-W50" (parts that are known). */
export function violationPlace(violation: PlanViolationFieldsFragment, memberName: (id: string) => string = (id) => id): string {
  return [
    violation.operationIndex != null ? `operation ${violation.operationIndex}${violation.process ? ` (${violation.process})` : ''}` : violation.process,
    violation.memberId ? memberName(violation.memberId) : undefined,
    violation.weekStart ? isoWeekLabel(violation.weekStart) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What the leader can do, as a short imperative ("Extend the due date to 2026-12-24"); the message says more. */
export function suggestionAction(suggestion: PlanSuggestionFieldsFragment, memberName: (id: string) => string = (id) => id): string {
  switch (suggestion.kind) {
    case 'EXTEND_DUE_DATE':
      return suggestion.dueDate ? `Extend the due date to ${suggestion.dueDate}` : 'Extend the due date';
    case 'ALLOW_MEMBER':
      return suggestion.memberId
        ? `Allow ${memberName(suggestion.memberId)}${suggestion.process ? ` for ${suggestion.process}` : ''}`
        : `Admit another partner${suggestion.process ? ` for ${suggestion.process}` : ''}`;
    case 'ACCEPT_LATENESS':
      return suggestion.completionDate ? `Accept lateness: complete on ${suggestion.completionDate}` : 'Accept lateness';
    default:
      return suggestion.kind;
  }
}

/** A plan that can never be proposed: the validator took out at least one of its orders. */
export function isInfeasiblePlan(plan: { status: string; infeasibleOrderIds: readonly string[] }): boolean {
  return plan.status === 'INFEASIBLE' || plan.infeasibleOrderIds.length > 0;
}
