export * from './__generated__/graphql.ts';
export type { GraphQLFormattedError } from 'graphql';
export { createClusterGraphClient, type ClusterGraphClient, type ClusterGraphClientOptions, type ExecutionResult, type Purpose } from './client.ts';
export { describeWithheld, isWithheldError, withheldNoticeOf, type WithheldMember } from './withheld.ts';
export {
  CursorBook,
  ResumableSubscription,
  isRetryable,
  type MemberCursor,
  type SubscribeHandlers,
  type SubscribeOptions,
  type SubscriptionState,
} from './subscription.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './endpoint.ts';
export * from './weeks.ts';
export * from './apiFeatures.ts';
export * from './lineSummary.ts';
export * from './allocationProposal.ts';
export { persistedIdOf, persistedQueryExtension } from './persistedIds.ts';
export * from './writes.ts';
export * from './planValidity.ts';
// The standard's enum values in SDL order (generated in @clustergraph/schema), for option lists and forms.
export { MEMBER_ROLES, PURPOSES, PROCESS_TYPES, LINE_STATES, standardEnums } from '@clustergraph/schema/values';
