import type { GraphQLFormattedError } from 'graphql';

/** Close code for a client that does not read fast enough (RFC 6455 "Try Again Later"); graphql-ws clients retry it. */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
/** Close code at graceful shutdown (RFC 6455 "Going Away"). */
export const GOING_AWAY_CLOSE_CODE = 1001;

/** A `next` payload, serialised once per event and group: `{"data":…,"errors":…}`. */
export type SerialisedPayload = string;

/**
 * The `next` frame for one subscriber. The payload is serialised once for every subscriber
 * of a group; only the id differs, so it is spliced in rather than re-serialising the payload.
 */
export function nextFrame(quotedId: string, payload: SerialisedPayload): string {
  return `{"id":${quotedId},"type":"next","payload":${payload}}`;
}

export function errorFrame(id: string, errors: readonly GraphQLFormattedError[]): string {
  return JSON.stringify({ id, type: 'error', payload: errors });
}

export function completeFrame(id: string): string {
  return JSON.stringify({ id, type: 'complete' });
}
