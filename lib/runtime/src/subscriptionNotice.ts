import type { ExecutionResult, FormattedExecutionResult } from 'graphql';

/**
 * Thrown by a subscription's `resolve` to answer that one event with a whole response of its
 * own (e.g. `{ data: null, extensions: { withheld: [] } }`) instead of an error: for notices
 * about the stream itself that are not data. The subscription goes on.
 */
export class SubscriptionNotice extends Error {
  constructor(readonly response: FormattedExecutionResult) {
    super('subscription notice');
  }
}

/** graphql-ws `onNext`: sends a SubscriptionNotice's response in place of the event's result. */
export function answerSubscriptionNotices(
  _ctx: unknown,
  _id: string,
  _payload: unknown,
  _args: unknown,
  result: ExecutionResult,
): FormattedExecutionResult | undefined {
  const notice = result.errors?.length === 1 ? result.errors[0]!.originalError : undefined;
  return notice instanceof SubscriptionNotice ? notice.response : undefined;
}
