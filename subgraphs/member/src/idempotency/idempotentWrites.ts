import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, lt } from 'drizzle-orm';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { ErrorCode, type ForwardedAuth, type Logger } from '@clustergraph/runtime';
import { idempotentWrites } from '../db/idempotency.ts';
import type { MemberContext } from '../context.ts';
import type { MemberDatabase } from '../db/database.ts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;
/** How often a retry looks whether the first request with its key has finished. */
const POLL_MS = 100;

export interface IdempotencyOptions {
  db: MemberDatabase;
  logger: Logger;
  /** How long an answer is kept for retries. */
  ttlMs: number;
  /** How long a retry waits for the first request with its key to finish before answering CONFLICT. */
  waitMs?: number;
  /** A claim without an answer this old belongs to a request that died with its member: a retry takes it over. */
  abandonedAfterMs?: number;
}

/** Whose key it is: a key never replays another user's (or firm's) answer. */
export function callerOf(auth: ForwardedAuth): string {
  if (auth.viewer) return `${auth.viewer.memberId}/${auth.viewer.userId}`;
  return auth.system ? '(system)' : '(anonymous)';
}

export function fingerprintOf(request: {
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | undefined;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}]))
    .digest('hex');
}

function answer(result: FormattedExecutionResult, status = 200): GraphQLResponse {
  return { http: { status, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
}

const keyError = (message: string, code: string = ErrorCode.CONFLICT): GraphQLFormattedError => ({
  message: `${IDEMPOTENCY_KEY_HEADER}: ${message}`,
  extensions: { code, field: IDEMPOTENCY_KEY_HEADER },
});

/**
 * Writes idempotent by a client key (issue 13: a write whose answer is lost must be safe to
 * retry). The first mutation with a key claims it (a row without response) before it runs and
 * stores its answer when done; a retry with the same key and the same request gets that answer
 * (waiting while the first is still running), with the same key and another request a CONFLICT.
 * Answers are kept `ttlMs`. Queries and requests without a key are untouched.
 */
export function idempotentWritesPlugin(options: IdempotencyOptions): ApolloServerPlugin<MemberContext> {
  const { db, logger, ttlMs } = options;
  const waitMs = options.waitMs ?? 30_000;
  const abandonedAfterMs = options.abandonedAfterMs ?? 5 * 60_000;

  async function claim(caller: string, key: string, fingerprint: string): Promise<boolean> {
    await db.delete(idempotentWrites).where(lt(idempotentWrites.createdAt, new Date(Date.now() - ttlMs)));
    const inserted = await db.insert(idempotentWrites).values({ caller, key, fingerprint }).onConflictDoNothing().returning({ key: idempotentWrites.key });
    return inserted.length > 0;
  }

  /** The stored answer to replay, or null when the claim was abandoned and this request took it over (it runs). */
  async function storedAnswer(caller: string, key: string, fingerprint: string): Promise<GraphQLResponse | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [row] = await db
        .select()
        .from(idempotentWrites)
        .where(and(eq(idempotentWrites.caller, caller), eq(idempotentWrites.key, key)));
      if (!row) return answer({ errors: [keyError('the first request with this key was not completed; send the write again with a new key')] });
      if (row.fingerprint !== fingerprint)
        return answer({ errors: [keyError('this key was used for another request; use a new key for a new write', ErrorCode.BAD_USER_INPUT)] });
      if (row.response !== null) {
        const stored = row.response as FormattedExecutionResult;
        return answer({ ...stored, extensions: { ...stored.extensions, idempotentReplay: true } });
      }
      if (row.createdAt.getTime() < Date.now() - abandonedAfterMs) {
        const where = and(
          eq(idempotentWrites.caller, caller),
          eq(idempotentWrites.key, key),
          lt(idempotentWrites.createdAt, new Date(Date.now() - abandonedAfterMs)),
        );
        const taken = await db.update(idempotentWrites).set({ createdAt: new Date() }).where(where).returning({ key: idempotentWrites.key });
        if (taken.length > 0) {
          logger.warn({ key }, 'idempotent write: took over a claim its first request never answered');
          return null;
        }
        continue;
      }
      if (Date.now() >= deadline) return answer({ errors: [keyError('the first request with this key is still running; retry later with the same key')] });
      await sleep(POLL_MS);
    }
  }

  return {
    async requestDidStart({ contextValue }) {
      const key = contextValue.idempotencyKey;
      let claimed: { caller: string; key: string } | null = null;
      return {
        async responseForOperation({ operation, request }) {
          if (!key || operation.operation !== 'mutation') return null;
          if (!KEY_PATTERN.test(key)) return answer({ errors: [keyError('must be 8–128 printable characters without spaces', ErrorCode.BAD_USER_INPUT)] });
          const caller = callerOf(contextValue.auth);
          const fingerprint = fingerprintOf(request);
          if (await claim(caller, key, fingerprint)) {
            claimed = { caller, key };
            return null;
          }
          const stored = await storedAnswer(caller, key, fingerprint);
          if (stored === null) claimed = { caller, key };
          return stored;
        },
        async willSendResponse({ response }) {
          if (!claimed) return;
          const { caller, key: claimedKey } = claimed;
          const where = and(eq(idempotentWrites.caller, caller), eq(idempotentWrites.key, claimedKey));
          if (response.body.kind !== 'single') {
            await db.delete(idempotentWrites).where(where);
            return;
          }
          const { data, errors, extensions } = response.body.singleResult;
          const stored: FormattedExecutionResult = {
            ...(data !== undefined ? { data } : {}),
            ...(errors ? { errors } : {}),
            ...(extensions ? { extensions } : {}),
          };
          try {
            await db.update(idempotentWrites).set({ response: stored, completedAt: new Date() }).where(where);
          } catch (error) {
            // The write stands; only its replay is lost. A retry then reports that the key was not completed.
            logger.error({ err: error, key: claimedKey }, 'could not store the answer of an idempotent write');
            await db
              .delete(idempotentWrites)
              .where(where)
              .catch(() => undefined);
          }
        },
      };
    },
  };
}
