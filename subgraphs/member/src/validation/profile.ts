import { InputValidator } from '@clustergraph/runtime';
import type { CapabilityInput } from '../__generated__/resolvers-types.ts';
import { checkOptionalPositive, checkUnique } from './common.ts';
import { checkText, MAX_LABEL_LENGTH, MAX_TEXT_LENGTH } from './bounds.ts';

/** Labels per capability (materials, certifications): a catalogue, not a dump. */
const MAX_LABELS = 50;
/** The longest part any line of the cluster could hold is metres, not kilometres. */
const MAX_PART_SIZE_MM = 100_000;

export function validateSmartFactoryLevel(level: number): void {
  new InputValidator()
    .check(Number.isInteger(level) && level >= 1 && level <= 5, 'level', 'must be an integer from 1 (basic) to 5 (advanced)')
    .throwIfInvalid();
}

export function validateCapabilitiesInput(input: readonly CapabilityInput[]): void {
  const v = new InputValidator();
  input.forEach((capability, i) => {
    const at = (field: string) => `input[${i}].${field}`;
    const certifications = capability.certifications ?? [];
    v.check(capability.materials.length <= MAX_LABELS, at('materials'), `at most ${MAX_LABELS} materials`);
    v.check(certifications.length <= MAX_LABELS, at('certifications'), `at most ${MAX_LABELS} certifications`);
    capability.materials.forEach((m, j) => {
      v.check(m.trim().length > 0, `${at('materials')}[${j}]`, 'must not be empty');
      checkText(v, m, `${at('materials')}[${j}]`, MAX_LABEL_LENGTH);
    });
    certifications.forEach((c, j) => {
      v.check(c.trim().length > 0, `${at('certifications')}[${j}]`, 'must not be empty');
      checkText(v, c, `${at('certifications')}[${j}]`, MAX_LABEL_LENGTH);
    });
    checkOptionalPositive(v, capability.maxPartSizeMm, at('maxPartSizeMm'));
    if (capability.maxPartSizeMm != null) v.check(capability.maxPartSizeMm <= MAX_PART_SIZE_MM, at('maxPartSizeMm'), `must be at most ${MAX_PART_SIZE_MM} mm`);
    checkText(v, capability.notes, at('notes'), MAX_TEXT_LENGTH);
  });
  // One capability per process: the list describes what the firm can do per process.
  checkUnique(
    v,
    input,
    (c) => c.process,
    (i) => `input[${i}].process`,
    'process',
  );
  v.throwIfInvalid();
}
