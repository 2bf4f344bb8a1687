import { ErrorCode } from '@clustergraph/schema/values';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Honest writes (README "Security → Writes"): every logical write carries its own
 * Idempotency-Key; when its answer did not arrive (WRITE_OUTCOME_UNKNOWN, a dropped connection,
 * a gateway 5xx page) the same write is sent again with the same key, which the member answers
 * from its record instead of writing twice. Bounded, with back-off.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const WRITE_OUTCOME_UNKNOWN = ErrorCode.WRITE_OUTCOME_UNKNOWN;

export interface WriteRetryOptions {
  /** Tries in all, the first included (default 3). */
  attempts?: number;
  /** Wait before the second try, doubled for each further one (default 250 ms). */
  backoffMs?: number;
}

/** What the SDK adds to a write's answer (`extensions.clustergraphWrite`) when it had to retry. */
export interface WriteRetryReport {
  idempotencyKey: string;
  /** Tries made, the first included. */
  attempts: number;
  /** The last try's answer did not arrive either: the write may or may not have happened. */
  outcomeUnknown: boolean;
}

export const WRITE_REPORT_EXTENSION = 'clustergraphWrite';

/** A fresh key for one logical write (a UUID; Web Crypto in browsers and Node ≥ 19). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function outcomeUnknown(errors: readonly GraphQLFormattedError[] | undefined): boolean {
  return (errors ?? []).some((e) => e.extensions?.['code'] === WRITE_OUTCOME_UNKNOWN);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  const headers = init?.headers;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === name)?.[1];
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * A fetch that retries requests carrying an Idempotency-Key (writes) with that same key, when
 * the network failed or the answer says WRITE_OUTCOME_UNKNOWN or is a 5xx page that is not a
 * GraphQL answer. Requests without a key pass through once: a read has nothing to protect, and a
 * write without a key must not be repeated blindly. After a retry the answer carries
 * `extensions.clustergraphWrite` (WriteRetryReport) so UIs can say what happened.
 */
export function writeRetryingFetch(baseFetch: typeof fetch, options: WriteRetryOptions = {}): typeof fetch {
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 250;
  return async (input, init) => {
    const key = headerOf(init, IDEMPOTENCY_KEY_HEADER);
    if (!key) return baseFetch(input, init);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      let text: string;
      let res: Response;
      try {
        res = await baseFetch(input, init);
        text = await res.text();
      } catch (error) {
        lastError = error;
        continue;
      }
      let body: { errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      const unknown = body ? outcomeUnknown(body.errors) : res.status >= 500;
      if (unknown && attempt < attempts) {
        lastError = undefined;
        continue;
      }
      if (attempt === 1 || !body) return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
      const report: WriteRetryReport = { idempotencyKey: key, attempts: attempt, outcomeUnknown: unknown };
      const extended = { ...body, extensions: { ...body.extensions, [WRITE_REPORT_EXTENSION]: report } };
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(extended), { status: res.status, statusText: res.statusText, headers });
    }
    throw new WriteOutcomeUnknownError(key, attempts, lastError);
  };
}

/** Every try of a write failed in transport: it may or may not have happened; retrying with `idempotencyKey` is safe. */
export class WriteOutcomeUnknownError extends Error {
  override readonly name = 'WriteOutcomeUnknownError';
  constructor(
    readonly idempotencyKey: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${WRITE_OUTCOME_UNKNOWN_TEXT} (${attempts} tries: ${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** In words, for people: after the retries ran out. */
export const WRITE_OUTCOME_UNKNOWN_TEXT = 'the outcome of this write is unknown; it is safe to retry';
/** In words, for people: a retry made the write's outcome known. */
export const WRITE_RETRIED_TEXT = 'outcome unknown — retried safely';

/** The retry report a write's answer carries, if the SDK had to retry it. */
export function writeRetryReport(extensions: Record<string, unknown> | undefined | null): WriteRetryReport | undefined {
  const value = extensions?.[WRITE_REPORT_EXTENSION];
  return value && typeof value === 'object' ? (value as WriteRetryReport) : undefined;
}
