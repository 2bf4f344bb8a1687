import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listLines } from '../data/lines.ts';
import { readLineStatus } from '../events/lineStatus.ts';

/** True when a root list field's `memberIds` filter leaves this member out. */
export function excludedByMemberIds(memberIds: readonly string[] | null | undefined, ownMemberId: string): boolean {
  return memberIds !== null && memberIds !== undefined && !memberIds.includes(ownMemberId);
}

export const Query: QueryResolvers = {
  async lines(_parent, { memberIds, state }, context) {
    if (excludedByMemberIds(memberIds, context.memberId)) return [];
    await context.access.assertCanRead('capability');
    const rows = await listLines(context.db);
    if (!state) return rows;
    await context.access.assertCanRead('lineStatus');
    const statuses = await Promise.all(rows.map((row) => readLineStatus(context, row)));
    // Filtering by state reads every line's status, whether or not the line is returned.
    context.access.recordRead('lineStatus', await context.access.decide('lineStatus'), rows.length);
    return rows.filter((_row, i) => statuses[i]?.state === state);
  },
};
