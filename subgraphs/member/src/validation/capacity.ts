import { InputValidator, isMonday } from '@clustergraph/runtime';
import type { CapacityInput } from '../__generated__/resolvers-types.ts';
import { checkUnique, isNonNegativeNumber } from './common.ts';

/** Validates a whole setCapacity input; throws BAD_USER_INPUT naming the first bad field. */
export function validateCapacityInput(input: readonly CapacityInput[]): void {
  const v = new InputValidator();
  input.forEach((row, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    v.check(isMonday(row.weekStart), at('weekStart'), `${row.weekStart} is not a Monday (weeks are keyed by their ISO Monday)`);
    v.check(isNonNegativeNumber(row.actualHours), at('actualHours'), 'must be 0 or more');
    v.check(isNonNegativeNumber(row.maximumHours), at('maximumHours'), 'must be 0 or more');
    if (isNonNegativeNumber(row.actualHours) && isNonNegativeNumber(row.maximumHours)) {
      v.check(row.actualHours <= row.maximumHours, at('actualHours'), `actual hours (${row.actualHours}) exceed maximum hours (${row.maximumHours})`);
    }
    if (row.pricePerHour !== null && row.pricePerHour !== undefined) {
      v.check(isNonNegativeNumber(row.pricePerHour), at('pricePerHour'), 'must be 0 or more');
    }
  });
  checkUnique(v, input, (r) => `${r.process}|${r.weekStart}`, (i) => `input[${i}].weekStart`, 'process and week');
  v.throwIfInvalid();
}
