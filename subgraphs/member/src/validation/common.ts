import { BadUserInputError, type InputValidator } from '@clustergraph/runtime';

/** Ids chosen by firms and planners: letters, digits and hyphens (the standard's LineInput.id rule). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
export const ID_RULE = 'must be 1–64 letters, digits or hyphens, starting with a letter or digit';

/** Every mutation names its member; the router sent it here, so any other id is a caller mistake. */
export function assertOwnMember(memberId: string, ownMemberId: string): void {
  if (memberId !== ownMemberId) {
    throw new BadUserInputError('memberId', `this service holds the data of member "${ownMemberId}", not "${memberId}"`);
  }
}

export const isNonNegativeNumber = (n: number) => Number.isFinite(n) && n >= 0;
export const isPositiveNumber = (n: number) => Number.isFinite(n) && n > 0;
export const isNonNegativeInt = (n: number) => Number.isInteger(n) && n >= 0;

/** Checks an optional number that, when given, must be positive (null/undefined pass). */
export function checkOptionalPositive(v: InputValidator, value: number | null | undefined, field: string): void {
  if (value !== null && value !== undefined) v.check(isPositiveNumber(value), field, 'must be greater than 0');
}

export function checkId(v: InputValidator, value: string, field: string): void {
  v.check(ID_PATTERN.test(value), field, ID_RULE);
}

/** Reports the second and later occurrences of a key, naming the earlier index. */
export function checkUnique<T>(v: InputValidator, items: readonly T[], keyOf: (item: T) => string, field: (index: number) => string, what: string): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const k = keyOf(item);
    const seen = firstIndex.get(k);
    if (seen === undefined) firstIndex.set(k, index);
    else v.check(false, field(index), `duplicate ${what}: already given at index ${seen}`);
  });
}
