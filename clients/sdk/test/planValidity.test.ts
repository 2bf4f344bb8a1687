import { describe, expect, it } from 'vitest';
import {
  isInfeasiblePlan,
  suggestionAction,
  violationPlace,
  violationRule,
  type PlanSuggestionFieldsFragment,
  type PlanViolationFieldsFragment,
} from '../src/index.ts';

// An INFEASIBLE plan in words (issue 14 §2): the rule, where it broke, what the leader can do.
const names = (id: string) => ({ heat: 'Heat Partner Co.', cast: 'Cast Partner Co.' })[id] ?? id;
const violation = (over: Partial<PlanViolationFieldsFragment>): PlanViolationFieldsFragment => ({
  kind: 'ROUTING_ORDER',
  jointOrderId: 'jo-1',
  operationIndex: 1,
  process: 'HEAT_TREATMENT',
  memberId: 'heat',
  weekStart: '2026-12-07',
  message: 'x',
  ...over,
});
const suggestion = (over: Partial<PlanSuggestionFieldsFragment>): PlanSuggestionFieldsFragment => ({
  kind: 'EXTEND_DUE_DATE',
  jointOrderId: 'jo-1',
  message: 'm',
  dueDate: null,
  memberId: null,
  process: null,
  completionDate: null,
  ...over,
});

describe('an infeasible plan in words', () => {
  it('names the rule and the operation, member (by name) and ISO week it broke in', () => {
    expect(violationRule('ROUTING_ORDER')).toBe('input not there in time');
    expect(violationRule('CURRENT_WEEK_HOURS')).toBe('more new work than the hours left this week');
    expect(violationPlace(violation({}), names)).toBe('operation 1 (HEAT_TREATMENT) · Heat Partner Co. · 2026-W50');
    // Operation 0 is an operation: it is not dropped as falsy.
    expect(violationPlace(violation({ operationIndex: 0, process: 'CASTING', memberId: null, weekStart: null }), names)).toBe('operation 0 (CASTING)');
    expect(violationPlace(violation({ operationIndex: null, process: null, memberId: null, weekStart: null }), names)).toBe('');
  });

  it('turns each suggestion into what the leader can do', () => {
    expect(suggestionAction(suggestion({ dueDate: '2026-12-27' }))).toBe('Extend the due date to 2026-12-27');
    expect(suggestionAction(suggestion({ kind: 'ALLOW_MEMBER', memberId: 'cast', process: 'CASTING' }), names)).toBe('Allow Cast Partner Co. for CASTING');
    expect(suggestionAction(suggestion({ kind: 'ALLOW_MEMBER', process: 'CASTING' }), names)).toBe('Admit another partner for CASTING');
    expect(suggestionAction(suggestion({ kind: 'ACCEPT_LATENESS', completionDate: '2027-01-03' }))).toBe('Accept lateness: complete on 2027-01-03');
  });

  it('treats a plan with an order taken out as never proposable', () => {
    expect(isInfeasiblePlan({ status: 'INFEASIBLE', infeasibleOrderIds: [] })).toBe(true);
    expect(isInfeasiblePlan({ status: 'DRAFT', infeasibleOrderIds: ['jo-2'] })).toBe(true);
    expect(isInfeasiblePlan({ status: 'DRAFT', infeasibleOrderIds: [] })).toBe(false);
  });
});
