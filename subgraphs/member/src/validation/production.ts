import { InputValidator } from '@clustergraph/runtime';
import type { ProductionRecordInput } from '../__generated__/resolvers-types.ts';
import { checkUnique, isNonNegativeInt, isNonNegativeNumber } from './common.ts';

/** A shift cannot hold more minutes than a day. */
const MAX_SHIFT_MINUTES = 24 * 60;
/** Clocks on the shop floor drift; a report slightly ahead of ours is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function validateProductionInput(input: readonly ProductionRecordInput[], knownLineIds: ReadonlySet<string>, now: Date): void {
  const v = new InputValidator();
  input.forEach((r, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    v.check(knownLineIds.has(r.lineId), at('lineId'), `unknown line "${r.lineId}"`);
    v.check(r.shiftStart.getTime() <= now.getTime() + CLOCK_SKEW_MS, at('shiftStart'), 'lies in the future');
    v.check(isNonNegativeInt(r.goodQuantity), at('goodQuantity'), 'must be 0 or more');
    v.check(isNonNegativeInt(r.scrapQuantity), at('scrapQuantity'), 'must be 0 or more');
    v.check(isNonNegativeNumber(r.runMinutes), at('runMinutes'), 'must be 0 or more');
    v.check(isNonNegativeNumber(r.downMinutes), at('downMinutes'), 'must be 0 or more');
    v.check(r.runMinutes + r.downMinutes <= MAX_SHIFT_MINUTES, at('runMinutes'), `run and down minutes together exceed ${MAX_SHIFT_MINUTES}`);
    if (r.energyKwh !== null && r.energyKwh !== undefined) v.check(isNonNegativeNumber(r.energyKwh), at('energyKwh'), 'must be 0 or more');
  });
  checkUnique(v, input, (r) => `${r.lineId}|${r.shiftStart.toISOString()}`, (i) => `input[${i}].shiftStart`, 'line and shift');
  v.throwIfInvalid();
}
