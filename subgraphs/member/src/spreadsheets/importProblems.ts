import { GraphQLError } from 'graphql';
import { ErrorCode } from '@clustergraph/runtime';
import type { ImportProblem } from '../__generated__/resolvers-types.ts';

/** "input[3].actualHours" → index 3, field actualHours; "input" → the input as a whole. */
export function importProblemOf(path: string, message: string): ImportProblem {
  const match = /^input\[(\d+)\]\.(.+)$/.exec(path);
  return match ? { index: Number(match[1]), field: match[2]!, message } : { index: null, field: path, message };
}

/**
 * Runs the same checks as the plain write. A dry run turns their BAD_USER_INPUT (every problem
 * is in extensions.problems) into report rows; a real import lets it go to the caller as it is,
 * so nothing is written and the first bad field is named.
 */
export async function checkRows(dryRun: boolean, check: () => void | Promise<void>): Promise<ImportProblem[]> {
  try {
    await check();
    return [];
  } catch (error) {
    if (!dryRun || !(error instanceof GraphQLError) || error.extensions['code'] !== ErrorCode.BAD_USER_INPUT) throw error;
    const listed = error.extensions['problems'] as Array<{ field: string; message: string }> | undefined;
    const problems = listed ?? [{ field: String(error.extensions['field'] ?? 'input'), message: error.message }];
    return problems.map((p) => importProblemOf(p.field, p.message));
  }
}
