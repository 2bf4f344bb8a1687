import { InputValidator } from '@clustergraph/runtime';
import type { AllocationInput } from '../__generated__/resolvers-types.ts';
import { checkId, checkUnique, isNonNegativeInt } from './common.ts';
import { checkHours, checkProcessRun, checkRowCount, checkWeekInHorizon, type FirmProcesses, type PlanningHorizon, type WriteBounds } from './bounds.ts';

/** Joint order ids come from the cluster's planner; longer ones are not its. */
const MAX_ORDER_ID_LENGTH = 128;
/** The cluster allows 30 operations per order; a margin for future versions. */
const MAX_OPERATION_INDEX = 99;
/** An Int column: GraphQL's Int already stops at 2^31 − 1; the cluster caps orders at 10 million. */
const MAX_QUANTITY = 10_000_000;

export interface AllocationBoundsContext {
  firm: FirmProcesses;
  horizon: PlanningHorizon;
  bounds: WriteBounds;
}

export function validateAllocationInput(input: readonly AllocationInput[], { firm, horizon, bounds }: AllocationBoundsContext): void {
  const v = new InputValidator();
  checkRowCount(v, input.length, 'input', bounds);
  v.throwIfInvalid();
  input.forEach((a, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    checkId(v, a.id, at('id'));
    v.check(a.jointOrderId.trim().length > 0, at('jointOrderId'), 'must not be empty');
    v.check(a.jointOrderId.length <= MAX_ORDER_ID_LENGTH, at('jointOrderId'), `must be at most ${MAX_ORDER_ID_LENGTH} characters`);
    v.check(isNonNegativeInt(a.operationIndex) && a.operationIndex <= MAX_OPERATION_INDEX, at('operationIndex'), `must be from 0 to ${MAX_OPERATION_INDEX}`);
    checkWeekInHorizon(v, a.weekStart, at('weekStart'), horizon);
    v.check(Number.isInteger(a.quantity) && a.quantity > 0, at('quantity'), 'must be greater than 0');
    v.check(a.quantity <= MAX_QUANTITY, at('quantity'), `must be at most ${MAX_QUANTITY}`);
    const limit = checkProcessRun(v, firm, a.process, at('process'));
    checkHours(v, a.hours, at('hours'), limit, a.process, true);
  });
  checkUnique(
    v,
    input,
    (a) => a.id,
    (i) => `input[${i}].id`,
    'allocation id',
  );
  v.throwIfInvalid();
}

/** Cumulative counts only grow; a smaller number is a typo, not a correction we can tell apart. */
export function validateAllocationProgress(
  goodQuantity: number,
  scrapQuantity: number,
  previous: { goodQuantity: number; scrapQuantity: number; quantity: number },
): void {
  const v = new InputValidator();
  v.check(isNonNegativeInt(goodQuantity), 'goodQuantity', 'must be 0 or more');
  v.check(isNonNegativeInt(scrapQuantity), 'scrapQuantity', 'must be 0 or more');
  v.check(goodQuantity >= previous.goodQuantity, 'goodQuantity', `is cumulative and was already ${previous.goodQuantity}`);
  v.check(scrapQuantity >= previous.scrapQuantity, 'scrapQuantity', `is cumulative and was already ${previous.scrapQuantity}`);
  // Over-delivery happens, a hundredfold does not: that is a typo in the count.
  const ceiling = Math.max(previous.quantity * 10, 1000);
  v.check(goodQuantity <= ceiling, 'goodQuantity', `must be at most ${ceiling} (10 × the allocated ${previous.quantity})`);
  v.check(scrapQuantity <= ceiling, 'scrapQuantity', `must be at most ${ceiling} (10 × the allocated ${previous.quantity})`);
  v.throwIfInvalid();
}
