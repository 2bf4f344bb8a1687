import type { GraphQLResponseBody } from '../http/subgraphHttpClient.ts';

/**
 * What came back from one member for its part of a request. `mayHaveRun`: the request may have
 * reached the member (timeout, dropped connection), so a write's outcome is unknown.
 */
export type MemberOutcome = { ok: true; response: GraphQLResponseBody } | { ok: false; reason: string; mayHaveRun?: boolean };
