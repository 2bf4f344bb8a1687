import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { metrics, type Logger } from '@clustergraph/runtime';
import type { SubscriptionTiming } from './timing.ts';
import { MEMBER_ID_ALIAS, SEQ_ALIAS, type PrimaryOperation } from './primaryOperation.ts';
import { forbiddenOnly, sameEntry, withheldNoticeOf, type WithheldEntry } from './withheld.ts';

/** One member's answer for one event: the primary fetch's data (and the member's errors, if any). */
export interface UpstreamEvent {
  memberId: string;
  seq: number | undefined;
  payload: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[]; extensions?: Record<string, unknown> };
  /** performance.now() when the frame was received. */
  receivedAt: number;
  /** Set on a notice, not an event: the member now withholds the stream (the entry) or shares it again (null). */
  withheld?: WithheldEntry | null;
}

export type UpstreamListener = (event: UpstreamEvent) => void;

export interface MemberUpstreamOptions {
  memberId: string;
  primary: PrimaryOperation;
  /** The client variables the primary uses (the gateway adds its own). */
  variables: Record<string, unknown>;
  /** Resume after this seq at the first connection (a client's `resumeFrom`); live when undefined. */
  initialSeq: number | undefined;
  /** The member's HTTP endpoint now (it may move), or null while it is not routable. */
  endpointOf(memberId: string): string | null;
  /** The gateway-signed token for the group's reader scope, fresh for every connection. */
  token(): Promise<string>;
  logger: Logger;
  timing?: SubscriptionTiming;
  reconnect?: { initialMs: number; maxMs: number };
}

export type UpstreamState = 'connecting' | 'live' | 'waiting' | 'closed';

const DEFAULT_RECONNECT = { initialMs: 100, maxMs: 3000 };

/**
 * One graphql-ws subscription to one member, shared by every group that needs exactly it.
 * It reconnects with backoff when the member drops and resumes after the last seq it
 * delivered, and drops any event at or below that seq, so listeners see each event once,
 * in order.
 */
export class MemberUpstream {
  private readonly listeners = new Set<UpstreamListener>();
  private client: Client | null = null;
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastSeq: number | undefined;
  private current: UpstreamState = 'waiting';
  /** Whether the member withholds this stream from the reader (its last notice), null while it shares it. */
  private withheldBy: WithheldEntry | null = null;
  /** The member refused on this connection: a reconnect must not come back fast (and be refused again). */
  private refusedThisConnection = false;
  /** The endpoint of the current connection (null while none): a member that moved is followed (followMove). */
  private connectedEndpoint: string | null = null;
  /** Counters for /debug/subscriptions and tests. */
  readonly stats = { delivered: 0, duplicatesDropped: 0, connections: 0 };

  constructor(private readonly options: MemberUpstreamOptions) {
    this.lastSeq = options.initialSeq;
  }

  get memberId(): string {
    return this.options.memberId;
  }

  get state(): UpstreamState {
    return this.current;
  }

  get resumeSeq(): number | undefined {
    return this.lastSeq;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get withheld(): WithheldEntry | null {
    return this.withheldBy;
  }

  addListener(listener: UpstreamListener): void {
    this.listeners.add(listener);
    // A group joining a shared upstream learns what the others were told.
    const withheld = this.withheldBy;
    if (withheld) queueMicrotask(() => this.listeners.has(listener) && listener(this.notice(withheld)));
    if (this.current === 'waiting' && this.retryTimer === null && this.client === null) void this.connect();
  }

  /** Returns true when this was the last listener (the upstream is closed then). */
  removeListener(listener: UpstreamListener): boolean {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return false;
    this.close();
    return true;
  }

  /**
   * A member whose endpoint changed in the routing table (it moved to another server, README
   * "Leaving a cluster") is subscribed again at the new endpoint at once, resuming after the last
   * seq delivered; the old connection is dropped. Returns true when it moved.
   */
  followMove(): boolean {
    if (this.current === 'closed' || this.connectedEndpoint === null) return false;
    const endpoint = this.options.endpointOf(this.options.memberId);
    if (endpoint === null || endpoint === this.connectedEndpoint) return false;
    this.options.logger.info(
      { memberId: this.options.memberId, from: this.connectedEndpoint, to: endpoint, resumeAfter: this.lastSeq },
      'member moved; resubscribing',
    );
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.generation++;
    void this.client?.dispose();
    this.client = null;
    this.connectedEndpoint = null;
    this.attempt = 0;
    void this.connect();
    return true;
  }

  close(): void {
    this.current = 'closed';
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.client?.dispose();
    this.client = null;
  }

  private async connect(): Promise<void> {
    if (this.current === 'closed') return;
    const generation = ++this.generation;
    this.current = 'connecting';
    const { memberId, primary, logger } = this.options;
    const endpoint = this.options.endpointOf(memberId);
    if (endpoint === null) return this.retryLater(generation, 'not routable', 'debug');
    let token: string;
    try {
      token = await this.options.token();
    } catch (error) {
      return this.retryLater(generation, `no service token: ${(error as Error).message}`);
    }
    if (generation !== this.generation) return;
    this.connectedEndpoint = endpoint;
    const client = createClient({
      url: endpoint.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
      keepAlive: 10_000,
      on: {
        connected: () => {
          if (generation !== this.generation) return;
          this.current = 'live';
          this.attempt = 0;
          this.refusedThisConnection = false;
          this.stats.connections++;
          logger.debug({ memberId, resumeAfter: this.lastSeq }, 'member upstream connected');
        },
      },
    });
    this.client = client;
    client.subscribe<Record<string, unknown>>(
      {
        query: primary.query,
        variables: { ...this.options.variables, ...primary.gatewayVariables(memberId, this.lastSeq) },
        ...(primary.operationName ? { operationName: primary.operationName } : {}),
      },
      {
        next: (payload) => {
          if (generation === this.generation) this.receive(payload as UpstreamEvent['payload']);
        },
        error: (error: unknown) => {
          if (generation !== this.generation) return;
          if (Array.isArray(error)) {
            // The member refused the subscription itself (validation, policy): a policy refusal is a
            // withheld notice (told once, not per attempt), anything else goes to the listeners;
            // either way it is retried slowly. A socket problem is retried quietly.
            const refusal = forbiddenOnly(memberId, error as GraphQLFormattedError[]);
            if (refusal) this.setWithheld(refusal);
            else
              this.emit({
                memberId,
                seq: undefined,
                receivedAt: performance.now(),
                payload: { errors: (error as GraphQLFormattedError[]).map((e) => tagged(e, memberId)) },
              });
            this.attempt = Math.max(this.attempt, 8);
          }
          this.retryLater(generation, describe(error));
        },
        complete: () => {
          if (generation !== this.generation) return;
          // A member that refuses by answering once and completing is asked again only slowly.
          if (this.refusedThisConnection) this.attempt = Math.max(this.attempt, 8);
          this.retryLater(generation, 'the member completed the subscription');
        },
      },
    );
  }

  private receive(payload: UpstreamEvent['payload']): void {
    const notice = withheldNoticeOf(this.options.memberId, payload);
    if (notice !== undefined) {
      this.refusedThisConnection = notice !== null;
      this.setWithheld(notice);
      return;
    }
    // An event is the member sharing again, whether or not it said so first.
    if (this.withheldBy && payload.data) this.setWithheld(null);
    const receivedAt = performance.now();
    const event = payload.data?.[this.options.primary.responseKey] as Record<string, unknown> | null | undefined;
    const seq = event && typeof event[SEQ_ALIAS] === 'number' ? (event[SEQ_ALIAS] as number) : undefined;
    if (seq !== undefined) {
      if (this.lastSeq !== undefined && seq <= this.lastSeq) {
        this.stats.duplicatesDropped++;
        return;
      }
      this.lastSeq = seq;
    }
    const memberId = event && typeof event[MEMBER_ID_ALIAS] === 'string' ? (event[MEMBER_ID_ALIAS] as string) : this.options.memberId;
    this.stats.delivered++;
    metrics.upstreamEvents.inc();
    const at = event?.['at'];
    if (this.options.timing && typeof at === 'string') this.options.timing.arrival.add(Date.now() - Date.parse(at));
    this.emit({ memberId, seq, receivedAt, payload: payload.errors ? { ...payload, errors: payload.errors.map((e) => tagged(e, memberId)) } : payload });
  }

  /** Records the member's withheld state and tells the listeners only when it changed. */
  private setWithheld(entry: WithheldEntry | null): void {
    if (sameEntry(this.withheldBy, entry)) return;
    this.withheldBy = entry;
    this.emit(this.notice(entry));
  }

  private notice(entry: WithheldEntry | null): UpstreamEvent {
    return { memberId: this.options.memberId, seq: undefined, receivedAt: performance.now(), payload: {}, withheld: entry };
  }

  private emit(event: UpstreamEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: error, memberId: this.options.memberId }, 'subscription listener failed');
      }
    }
  }

  private retryLater(generation: number, reason: string, level: 'info' | 'debug' = 'info'): void {
    if (generation !== this.generation || this.current === 'closed') return;
    void this.client?.dispose();
    this.client = null;
    this.current = 'waiting';
    const { initialMs, maxMs } = this.options.reconnect ?? DEFAULT_RECONNECT;
    const delay = Math.min(maxMs, initialMs * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.options.logger[level](
      { memberId: this.options.memberId, reason, retryInMs: Math.round(delay), resumeAfter: this.lastSeq },
      'member upstream interrupted',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}

function tagged(error: GraphQLFormattedError, memberId: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, memberId } };
}

function describe(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message).join('; ');
  if (error && typeof error === 'object' && 'code' in error)
    return `socket closed (${String((error as { code: unknown }).code)} ${String((error as { reason?: unknown }).reason ?? '')})`.trim();
  return error instanceof Error ? error.message : String(error);
}
