import { InputValidator, isMonday } from '@clustergraph/runtime';
import type { AllocationInput } from '../__generated__/resolvers-types.ts';
import { checkId, checkUnique, isNonNegativeInt, isPositiveNumber } from './common.ts';

export function validateAllocationInput(input: readonly AllocationInput[]): void {
  const v = new InputValidator();
  input.forEach((a, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    checkId(v, a.id, at('id'));
    v.check(a.jointOrderId.trim().length > 0, at('jointOrderId'), 'must not be empty');
    v.check(isNonNegativeInt(a.operationIndex), at('operationIndex'), 'must be 0 or more');
    v.check(isMonday(a.weekStart), at('weekStart'), `${a.weekStart} is not a Monday (weeks are keyed by their ISO Monday)`);
    v.check(Number.isInteger(a.quantity) && a.quantity > 0, at('quantity'), 'must be greater than 0');
    v.check(isPositiveNumber(a.hours), at('hours'), 'must be greater than 0');
  });
  checkUnique(v, input, (a) => a.id, (i) => `input[${i}].id`, 'allocation id');
  v.throwIfInvalid();
}

/** Cumulative counts only grow; a smaller number is a typo, not a correction we can tell apart. */
export function validateAllocationProgress(goodQuantity: number, scrapQuantity: number, previous: { goodQuantity: number; scrapQuantity: number }): void {
  const v = new InputValidator();
  v.check(isNonNegativeInt(goodQuantity), 'goodQuantity', 'must be 0 or more');
  v.check(isNonNegativeInt(scrapQuantity), 'scrapQuantity', 'must be 0 or more');
  v.check(goodQuantity >= previous.goodQuantity, 'goodQuantity', `is cumulative and was already ${previous.goodQuantity}`);
  v.check(scrapQuantity >= previous.scrapQuantity, 'scrapQuantity', `is cumulative and was already ${previous.scrapQuantity}`);
  v.throwIfInvalid();
}
