import { InvalidArgumentError } from 'commander';
import { apiEnums } from '@clustergraph/sdk';

/** A commander argument parser that accepts one of an enum's values (case-insensitive). */
export function enumOption<T extends string>(what: string, values: readonly T[]) {
  return (input: string): T => {
    const value = input.toUpperCase().replace(/-/g, '_') as T;
    if (!values.includes(value)) throw new InvalidArgumentError(`unknown ${what} "${input}"; one of ${values.join(', ')}`);
    return value;
  };
}

export function positiveInt(what: string) {
  return (input: string): number => {
    const value = Number(input);
    if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`${what} must be a positive whole number`);
    return value;
  };
}

export function nonNegativeNumber(what: string) {
  return (input: string): number => {
    const value = Number(input);
    if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`${what} must be a number ≥ 0`);
    return value;
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

export const PROCESS_TYPES = apiEnums.ProcessType;
export const LINE_STATES = apiEnums.LineState;
export const ALLOCATION_STATUSES = apiEnums.AllocationStatus;
export const MEMBER_ROLES = apiEnums.MemberRole;
export const MEMBER_STATUSES = apiEnums.MemberStatus;
