import type { MemberResolvers } from '../__generated__/resolvers-types.ts';

// The other fields are columns of the same name on the row.
export const Member: MemberResolvers = {
  __resolveReference: (reference, { memberById }) => memberById.load(reference.id),
};
