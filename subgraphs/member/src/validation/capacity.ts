import { InputValidator } from '@clustergraph/runtime';
import type { CapacityInput } from '../__generated__/resolvers-types.ts';
import { checkUnique } from './common.ts';
import {
  checkHours,
  checkProcessRun,
  checkRowCount,
  checkWeekInHorizon,
  isFiniteInRange,
  MAX_AMOUNT,
  type FirmProcesses,
  type PlanningHorizon,
  type WriteBounds,
} from './bounds.ts';

export interface CapacityBoundsContext {
  firm: FirmProcesses;
  horizon: PlanningHorizon;
  bounds: WriteBounds;
}

/** Validates a whole setCapacity input; throws BAD_USER_INPUT naming the first bad field. */
export function validateCapacityInput(input: readonly CapacityInput[], { firm, horizon, bounds }: CapacityBoundsContext): void {
  const v = new InputValidator();
  checkRowCount(v, input.length, 'input', bounds);
  v.throwIfInvalid();
  input.forEach((row, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    checkWeekInHorizon(v, row.weekStart, at('weekStart'), horizon);
    const limit = checkProcessRun(v, firm, row.process, at('process'));
    checkHours(v, row.actualHours, at('actualHours'), limit, row.process);
    checkHours(v, row.maximumHours, at('maximumHours'), limit, row.process);
    // Compared only when both are within their own bounds: one problem per field, not two.
    const withinLimit = (hours: number) => isFiniteInRange(hours, 0, limit);
    if (withinLimit(row.actualHours) && withinLimit(row.maximumHours)) {
      v.check(row.actualHours <= row.maximumHours, at('actualHours'), `actual hours (${row.actualHours}) exceed maximum hours (${row.maximumHours})`);
    }
    if (row.pricePerHour !== null && row.pricePerHour !== undefined) {
      v.check(isFiniteInRange(row.pricePerHour, 0, MAX_AMOUNT), at('pricePerHour'), `must be from 0 to ${MAX_AMOUNT}`);
    }
  });
  checkUnique(
    v,
    input,
    (r) => `${r.process}|${r.weekStart}`,
    (i) => `input[${i}].weekStart`,
    'process and week',
  );
  v.throwIfInvalid();
}
