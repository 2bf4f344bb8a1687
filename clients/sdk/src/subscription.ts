import type { GraphQLFormattedError } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { ClusterGraphError } from './errors.ts';
import { isWithheldError, withheldNoticeOf, type WithheldMember } from './withheld.ts';

/** Position in one member's event stream (issue 4's `MemberCursor` input). */
export interface MemberCursor {
  memberId: string;
  seq: number;
}

export type SubscriptionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface SubscribeHandlers<TData> {
  /** An event (never called without data; `errors` are the event's own field errors). */
  next(data: TData, errors: readonly GraphQLFormattedError[]): void;
  /**
   * The members that withhold the stream by their sharing policy, as a whole list: at the
   * start, after each reconnect, and whenever a grant or revocation changes it (empty when
   * none is left). Normal, not a failure: the other members' events keep coming.
   */
  withheld?(members: readonly WithheldMember[]): void;
  /** A payload with errors and no data that is not a withheld notice (an event that could not be resolved). */
  errors?(errors: readonly GraphQLFormattedError[]): void;
  /** A fatal error: the subscription stopped (bad request, not allowed, gave up). */
  error?(error: ClusterGraphError): void;
  complete?(): void;
  /** Connection state, for "reconnecting…" banners. */
  state?(state: SubscriptionState, detail?: string): void;
}

export interface SubscribeOptions<TData> {
  /**
   * Resume after a reconnect: the cursor of each event; the last seq per member is
   * sent back as `variables[variable]` (default `resumeFrom`) when resubscribing,
   * and events at or below it are dropped, so nothing is lost or repeated.
   */
  resume?: { cursorOf(data: TData): MemberCursor | null | undefined; variable?: string };
  /** Backoff between reconnects (ms, doubled up to maxDelayMs). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** graphql-ws close codes after which retrying cannot help. */
const FATAL_CLOSE_CODES = new Set([4004, 4005, 4400, 4401, 4403, 4406, 4409, 4429, 4500]);

function closeCode(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'number') return (error as { code: number }).code;
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  if (Array.isArray(error)) return false; // GraphQL errors from the server: the operation itself is rejected
  const code = closeCode(error);
  if (code === undefined) return true; // network error, socket failed to open
  return !FATAL_CLOSE_CODES.has(code);
}

/** Last seq per member, merged over any cursors the caller passed in. */
export class CursorBook {
  private readonly seqs = new Map<string, number>();

  constructor(initial: readonly MemberCursor[] = []) {
    for (const cursor of initial) this.seqs.set(cursor.memberId, cursor.seq);
  }

  /** Records an event's cursor; false when it was already seen (a replay overlap). */
  advance(cursor: MemberCursor): boolean {
    const last = this.seqs.get(cursor.memberId);
    if (last !== undefined && cursor.seq <= last) return false;
    this.seqs.set(cursor.memberId, cursor.seq);
    return true;
  }

  cursors(): MemberCursor[] {
    return [...this.seqs].map(([memberId, seq]) => ({ memberId, seq }));
  }

  get size(): number {
    return this.seqs.size;
  }
}

/** One logical subscription over graphql-ws, resubscribed with fresh cursors after each drop. */
export class ResumableSubscription<TData> {
  private stopped = false;
  private dispose: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private readonly book: CursorBook;
  private readonly variable: string;

  constructor(
    private readonly socket: () => WsClient,
    private readonly query: string,
    private readonly variables: Record<string, unknown>,
    private readonly handlers: SubscribeHandlers<TData>,
    private readonly options: SubscribeOptions<TData> = {},
    /** Sent with each subscribe, e.g. the persisted id of a generated document (the gateway then runs its trusted copy). */
    private readonly extensions?: Record<string, unknown>,
  ) {
    this.variable = options.resume?.variable ?? 'resumeFrom';
    const given = variables[this.variable];
    this.book = new CursorBook(Array.isArray(given) ? (given as MemberCursor[]) : []);
  }

  /** Variables for the next (re)subscription: the caller's, plus the cursors reached. */
  currentVariables(): Record<string, unknown> {
    if (!this.options.resume || this.book.size === 0) return this.variables;
    return { ...this.variables, [this.variable]: this.book.cursors() };
  }

  start(): void {
    if (this.stopped) return;
    this.handlers.state?.(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let sawData = false;
    this.dispose = this.socket().subscribe<TData>(
      { query: this.query, variables: this.currentVariables(), ...(this.extensions ? { extensions: this.extensions } : {}) },
      {
        next: (result) => {
          if (!sawData) {
            sawData = true;
            this.attempt = 0;
            this.handlers.state?.('live');
          }
          const data = result.data as TData | null | undefined;
          const withheld = withheldNoticeOf(result as { extensions?: Record<string, unknown> });
          if (withheld) this.handlers.withheld?.(withheld);
          if (data == null) {
            const errors = (result.errors ?? []).filter((e) => !withheld || !isWithheldError(e));
            if (errors.length) this.handlers.errors?.(errors);
            return;
          }
          const cursor = this.options.resume?.cursorOf(data);
          if (cursor && !this.book.advance(cursor)) return;
          this.handlers.next(data, result.errors ?? []);
        },
        error: (error) => this.onError(error),
        complete: () => {
          if (this.stopped) return;
          this.stopped = true;
          this.handlers.state?.('closed');
          this.handlers.complete?.();
        },
      },
    );
  }

  private onError(error: unknown): void {
    this.dispose = undefined;
    if (this.stopped) return;
    if (!isRetryable(error)) {
      this.stopped = true;
      this.handlers.state?.('closed');
      const wrapped = Array.isArray(error)
        ? ClusterGraphError.fromErrors(error as GraphQLFormattedError[])
        : new ClusterGraphError(`subscription closed: ${describeClose(error)}`, [], undefined, undefined, { cause: error });
      this.handlers.error?.(wrapped);
      return;
    }
    const initial = this.options.initialDelayMs ?? 500;
    const delay = Math.min(initial * 2 ** this.attempt, this.options.maxDelayMs ?? 10_000);
    this.attempt += 1;
    this.handlers.state?.('reconnecting', describeClose(error));
    this.timer = setTimeout(() => this.start(), delay);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.dispose?.();
    this.handlers.state?.('closed');
  }
}

function describeClose(error: unknown): string {
  const code = closeCode(error);
  if (code !== undefined) {
    const reason = (error as { reason?: string }).reason;
    return `code ${code}${reason ? ` (${reason})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
