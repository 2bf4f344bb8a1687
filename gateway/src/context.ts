import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode, parsePurpose, type ForwardedAuth, type Purpose, type Viewer } from '@clustergraph/runtime';
import type { Authenticator } from './auth/index.ts';

export const PURPOSE_HEADER = 'x-clustergraph-purpose';
/** A client's key for one write; the member answers a retry with the same key from its record (issue 13). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

/** What every gateway operation knows about its caller; the shard router forwards it to members. */
export interface GatewayContext {
  viewer: Viewer | null;
  purpose: Purpose;
  /** This request's id (the client's `x-request-id` when it is sane, else a fresh one); every forwarded token carries it. */
  requestId?: string;
  /** The request's Idempotency-Key header, forwarded to the member with a write. */
  idempotencyKey?: string | null;
}

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What a subgraph gets to know about the caller. People only: the system identity is ServiceTokenCache.systemToken()'s alone. */
export function forwardedAuthOf(context: Partial<GatewayContext> | undefined): ForwardedAuth {
  const auth: ForwardedAuth = { viewer: context?.viewer ?? null, purpose: context?.purpose ?? 'MONITORING', system: false };
  if (context?.requestId) auth.requestId = context.requestId;
  return auth;
}

/** Builds the context from the request headers (HTTP now; graphql-ws connection params later). */
export async function createGatewayContext(
  headers: { authorization?: string | undefined; purpose?: string | undefined; requestId?: string | undefined; idempotencyKey?: string | undefined },
  authenticator: Pick<Authenticator, 'authenticate'>,
): Promise<GatewayContext> {
  const purpose = parsePurpose(headers.purpose);
  if (!purpose) {
    throw new GraphQLError(`${PURPOSE_HEADER}: "${headers.purpose}" is not a purpose (JOINT_PLANNING, MONITORING, AI_TRANSITION, BENCHMARKING)`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: PURPOSE_HEADER, http: { status: 400 } },
    });
  }
  const idempotencyKey = headers.idempotencyKey ?? null;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new GraphQLError(`${IDEMPOTENCY_KEY_HEADER}: must be 8–128 printable characters without spaces (a UUID will do)`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: IDEMPOTENCY_KEY_HEADER, http: { status: 400 } },
    });
  }
  const viewer = await authenticator.authenticate(headers.authorization, purpose);
  const requestId = headers.requestId && SANE_REQUEST_ID.test(headers.requestId) ? headers.requestId : randomUUID();
  return { viewer, purpose, requestId, idempotencyKey };
}
