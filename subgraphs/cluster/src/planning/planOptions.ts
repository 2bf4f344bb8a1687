import { InputValidator } from '@clustergraph/runtime';
import type { StoredPlanOptions } from './planRunner.ts';

export interface PlanOptionsInputValue {
  timeLimitSeconds?: number | null | undefined;
  mipGap?: number | null | undefined;
  excludeMemberIds?: readonly string[] | null | undefined;
  weights?: { cost?: number | null; transport?: number | null; lateness?: number | null; split?: number | null } | null | undefined;
  maxMembersPerOperation?: number | null | undefined;
}

/** A request may hold the solver this long; the gateway's cluster timeout is 30 s by default. */
export const MAX_TIME_LIMIT_SECONDS = 120;
export const DEFAULT_TIME_LIMIT_SECONDS = 10;
export const MAX_ORDERS_PER_PLAN = 100;

/** Validates the GraphQL PlanOptions and turns them into the planner's options (nulls dropped). */
export function validatePlanOptions(input: PlanOptionsInputValue | null | undefined, prefix = 'options'): StoredPlanOptions {
  const v = new InputValidator();
  const at = (name: string) => `${prefix}.${name}`;
  const options: StoredPlanOptions = { timeLimitSeconds: DEFAULT_TIME_LIMIT_SECONDS };
  if (!input) return options;
  if (input.timeLimitSeconds !== null && input.timeLimitSeconds !== undefined) {
    v.check(
      Number.isFinite(input.timeLimitSeconds) && input.timeLimitSeconds > 0 && input.timeLimitSeconds <= MAX_TIME_LIMIT_SECONDS,
      at('timeLimitSeconds'),
      `must be more than 0 and at most ${MAX_TIME_LIMIT_SECONDS}`,
    );
    options.timeLimitSeconds = input.timeLimitSeconds;
  }
  if (input.mipGap !== null && input.mipGap !== undefined) {
    v.check(Number.isFinite(input.mipGap) && input.mipGap >= 0 && input.mipGap < 1, at('mipGap'), 'must be from 0 to below 1');
    options.mipGap = input.mipGap;
  }
  if (input.excludeMemberIds && input.excludeMemberIds.length > 0) options.excludeMemberIds = [...new Set(input.excludeMemberIds)];
  if (input.maxMembersPerOperation !== null && input.maxMembersPerOperation !== undefined) {
    v.check(
      Number.isInteger(input.maxMembersPerOperation) && input.maxMembersPerOperation >= 1,
      at('maxMembersPerOperation'),
      'must be a whole number of 1 or more',
    );
    options.maxMembersPerOperation = input.maxMembersPerOperation;
  }
  if (input.weights) {
    const weights: NonNullable<StoredPlanOptions['weights']> = {};
    for (const name of ['cost', 'transport', 'lateness', 'split'] as const) {
      const value = input.weights[name];
      if (value === null || value === undefined) continue;
      v.check(Number.isFinite(value) && value >= 0, at(`weights.${name}`), 'must be 0 or more');
      weights[name] = value;
    }
    options.weights = weights;
  }
  v.throwIfInvalid();
  return options;
}

/** The ids of planJointOrders: at least one, no duplicates, a sane number. */
export function validatePlanIds(ids: readonly string[]): string[] {
  const v = new InputValidator();
  v.check(ids.length > 0, 'ids', 'must name at least one joint order');
  v.check(ids.length <= MAX_ORDERS_PER_PLAN, 'ids', `must name at most ${MAX_ORDERS_PER_PLAN} joint orders`);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    v.check(!seen.has(id), `ids[${i}]`, `duplicate id ${id}`);
    seen.add(id);
  });
  v.throwIfInvalid();
  return ids.slice();
}
