import { MemberMovingError } from '../errors.ts';
import type { MemberContext } from '../context.ts';

/** The SQLSTATE the freeze trigger raises (drizzle/0006_member_transfer.sql). */
export const FREEZE_SQLSTATE = 'CGMOV';

/** Whether an error (or one it wraps: drizzle's query error, the ingestor's) is the freeze trigger's refusal. */
export function isFreezeRefusal(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === FREEZE_SQLSTATE) return true;
  }
  return false;
}

type Resolver = (parent: unknown, args: unknown, context: MemberContext, info: unknown) => unknown;

/**
 * Mutation resolvers whose write met the database's freeze (a move began between the guard's
 * look and the write) answer MEMBER_MOVING like the guard does, not an internal error.
 */
export function withFreezeRefusals<T extends object>(mutations: T): T {
  const wrapped: Record<string, Resolver> = {};
  for (const [field, resolver] of Object.entries(mutations) as Array<[string, Resolver]>) {
    wrapped[field] = async (parent, args, context, info) => {
      try {
        return await resolver(parent, args, context, info);
      } catch (error) {
        if (!isFreezeRefusal(error)) throw error;
        const status = context.portability.transfer.current;
        throw new MemberMovingError(context.memberId, field, status.state === 'SERVING' ? new Date() : status.since);
      }
    };
  }
  return wrapped as T;
}
