import { InputValidator } from '@clustergraph/runtime';
import type { CapabilityInput } from '../__generated__/resolvers-types.ts';
import { checkOptionalPositive, checkUnique } from './common.ts';

export function validateSmartFactoryLevel(level: number): void {
  new InputValidator().check(Number.isInteger(level) && level >= 1 && level <= 5, 'level', 'must be an integer from 1 (basic) to 5 (advanced)').throwIfInvalid();
}

export function validateCapabilitiesInput(input: readonly CapabilityInput[]): void {
  const v = new InputValidator();
  input.forEach((capability, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    capability.materials.forEach((m, j) => v.check(m.trim().length > 0, `${at('materials')}[${j}]`, 'must not be empty'));
    (capability.certifications ?? []).forEach((c, j) => v.check(c.trim().length > 0, `${at('certifications')}[${j}]`, 'must not be empty'));
    checkOptionalPositive(v, capability.maxPartSizeMm, at('maxPartSizeMm'));
  });
  // One capability per process: the list describes what the firm can do per process.
  checkUnique(v, input, (c) => c.process, (i) => `input[${i}].process`, 'process');
  v.throwIfInvalid();
}
