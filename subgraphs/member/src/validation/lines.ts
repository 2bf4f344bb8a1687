import { InputValidator } from '@clustergraph/runtime';
import type { LineInput } from '../__generated__/resolvers-types.ts';
import { checkId, checkOptionalPositive, checkUnique } from './common.ts';
import { MAX_AMOUNT } from './bounds.ts';

export const MAX_NAME_LENGTH = 200;

export function validateLineInput(input: LineInput): void {
  const v = new InputValidator();
  checkId(v, input.id, 'input.id');
  const name = input.name.trim();
  v.check(name.length > 0, 'input.name', 'must not be empty');
  v.check(name.length <= MAX_NAME_LENGTH, 'input.name', `must be at most ${MAX_NAME_LENGTH} characters`);
  v.check(input.processes.length > 0, 'input.processes', 'a line runs at least one process');
  checkUnique(
    v,
    input.processes,
    (p) => p,
    (i) => `input.processes[${i}]`,
    'process',
  );
  checkOptionalPositive(v, input.ratedUnitsPerHour, 'input.ratedUnitsPerHour');
  if (input.ratedUnitsPerHour != null) v.check(input.ratedUnitsPerHour <= MAX_AMOUNT, 'input.ratedUnitsPerHour', `must be at most ${MAX_AMOUNT}`);
  v.throwIfInvalid();
}
