import type { LineResolvers } from '../__generated__/resolvers-types.ts';
import { readLineStatus } from '../events/lineStatus.ts';

export const Line: LineResolvers = {
  async __resolveReference(reference, context) {
    if (reference.memberId !== context.memberId) return null;
    await context.access.assertCanRead('capability');
    // Batched: every Line reference of this request is read in one query.
    return context.loaders.line.load(reference.id);
  },
  memberId: (_line, _args, context) => context.memberId,
  async status(line, _args, context) {
    await context.access.assertCanRead('lineStatus');
    return readLineStatus(context, line);
  },
  member: (_line, _args, context) => ({ id: context.memberId }),
};
