import { InputValidator } from '@clustergraph/runtime';
import type { ProductionRecordInput } from '../__generated__/resolvers-types.ts';
import { checkUnique, isNonNegativeInt, isNonNegativeNumber } from './common.ts';
import { checkRowCount, MAX_AMOUNT, type WriteBounds } from './bounds.ts';

/** A shift cannot hold more minutes than a day. */
const MAX_SHIFT_MINUTES = 24 * 60;
/** Clocks on the shop floor drift; a report slightly ahead of ours is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Earlier than this is a broken clock or a typo (1900-01-01), not production history. */
const EARLIEST_SHIFT = Date.UTC(2000, 0, 1);
/** Quantities are Int columns; GraphQL's Int stops at 2^31 − 1 already, a shift at far less. */
const MAX_SHIFT_QUANTITY = 10_000_000;

export function validateProductionInput(input: readonly ProductionRecordInput[], knownLineIds: ReadonlySet<string>, now: Date, bounds: WriteBounds): void {
  const v = new InputValidator();
  checkRowCount(v, input.length, 'input', bounds);
  v.throwIfInvalid();
  input.forEach((r, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    v.check(knownLineIds.has(r.lineId), at('lineId'), `unknown line "${r.lineId}"`);
    v.check(r.shiftStart.getTime() <= now.getTime() + CLOCK_SKEW_MS, at('shiftStart'), 'lies in the future');
    v.check(r.shiftStart.getTime() >= EARLIEST_SHIFT, at('shiftStart'), 'lies before 2000 (is the clock set?)');
    v.check(isNonNegativeInt(r.goodQuantity) && r.goodQuantity <= MAX_SHIFT_QUANTITY, at('goodQuantity'), `must be from 0 to ${MAX_SHIFT_QUANTITY}`);
    v.check(isNonNegativeInt(r.scrapQuantity) && r.scrapQuantity <= MAX_SHIFT_QUANTITY, at('scrapQuantity'), `must be from 0 to ${MAX_SHIFT_QUANTITY}`);
    v.check(isNonNegativeNumber(r.runMinutes), at('runMinutes'), 'must be 0 or more');
    v.check(isNonNegativeNumber(r.downMinutes), at('downMinutes'), 'must be 0 or more');
    v.check(r.runMinutes + r.downMinutes <= MAX_SHIFT_MINUTES, at('runMinutes'), `run and down minutes together exceed ${MAX_SHIFT_MINUTES}`);
    if (r.energyKwh !== null && r.energyKwh !== undefined)
      v.check(isNonNegativeNumber(r.energyKwh) && r.energyKwh <= MAX_AMOUNT, at('energyKwh'), `must be from 0 to ${MAX_AMOUNT}`);
  });
  checkUnique(
    v,
    input,
    (r) => `${r.lineId}|${r.shiftStart.toISOString()}`,
    (i) => `input[${i}].shiftStart`,
    'line and shift',
  );
  v.throwIfInvalid();
}
