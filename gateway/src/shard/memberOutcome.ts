import type { GraphQLResponseBody } from '../http/subgraphHttpClient.ts';

/** What came back from one member for its part of a request. */
export type MemberOutcome = { ok: true; response: GraphQLResponseBody } | { ok: false; reason: string };
