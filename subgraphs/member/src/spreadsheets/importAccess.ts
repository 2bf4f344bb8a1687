import { ForbiddenError } from '@clustergraph/runtime';
import type { MemberContext } from '../context.ts';
import type { DataCategory } from '../sovereignty/access.ts';

/** The user roles that may import a firm's spreadsheets (a firm's own viewers without them may not). */
export const IMPORT_ROLES: readonly string[] = ['admin', 'planner'];

/**
 * Imports (and their dry runs: they tell which lines and processes the firm has) are for the
 * firm's own admins and planners. Another firm's user is refused by assertCanWrite first.
 */
export async function assertCanImport(context: Pick<MemberContext, 'access' | 'auth' | 'memberId'>, category: DataCategory, field: string): Promise<void> {
  await context.access.assertCanWrite(category);
  const roles = context.auth.viewer?.roles ?? [];
  if (IMPORT_ROLES.some((role) => roles.includes(role))) return;
  throw new ForbiddenError(`${field} needs an admin or planner of ${context.memberId}`, {
    required: 'OWNER_PLANNER',
    field,
    purpose: context.auth.purpose,
    memberId: context.memberId,
  });
}
