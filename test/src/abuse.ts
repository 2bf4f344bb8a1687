/**
 * The abusive operations of issue 13, shared by the limits e2e test and `pnpm bench:abuse`.
 */

/** The 299-byte nested query: members → lines → member → lines … (a partner took six members down with it). */
export function nestedMembersQuery(): string {
  let inner = 'id name';
  for (let i = 0; i < 9; i++) inner = `lines { id member { id ${inner} } }`;
  const query = `query Nested { members { id ${inner} } }`;
  return query.padEnd(299, ' ');
}

/** `count` aliased `lines { id }` root fields (1,000 timed out all six members). */
export function aliasedLinesQuery(count = 1000): string {
  return `query Aliases { ${Array.from({ length: count }, (_, i) => `l${i}: lines { id }`).join(' ')} }`;
}

/** A normal query of the console (the Lines page). */
export const NORMAL_QUERY = 'query Lines { lines { id memberId name processes status { state since } } }';
