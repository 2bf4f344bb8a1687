import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@clustergraph/runtime';
import { forwardedAuthOf, type GatewayContext } from '../context.ts';
import { GatewayErrorCode } from '../errors.ts';
import type { MemberRoutes } from '../routing/memberRoutes.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import type { EventPlanExecutor, EventResult } from './eventExecutor.ts';
import { SerialisedPayload } from './frames.ts';
import type { UpstreamEvent } from './memberUpstream.ts';
import type { PlannedSubscription } from './subscriptionPlanner.ts';
import { stableJson } from './readerScope.ts';
import type { SubscriptionTiming } from './timing.ts';
import type { UpstreamPool } from './upstreamPool.ts';
import { sameEntry, withheldPayload, type WithheldEntry } from './withheld.ts';

/**
 * How long a change of the withheld members waits for others before it is announced: a
 * subscription's members answer within this of each other at start, so the subscriber hears
 * about all of them in one notice. It delays only the notice, never an event.
 */
export const WITHHELD_NOTICE_DELAY_MS = 150;

/** One client subscription as the group sees it: somewhere to send a payload serialised once for all. */
export interface Subscriber {
  next(payload: SerialisedPayload): void;
}

export interface SubscriptionGroupOptions {
  key: string;
  plan: PlannedSubscription;
  variables: Record<string, unknown>;
  /** The first subscriber's context; every subscriber of the group has the same reader scope. */
  context: GatewayContext;
  scopeKey: string;
  pool: UpstreamPool;
  executor: EventPlanExecutor;
  routes: MemberRoutes;
  tokens: ServiceTokenCache;
  logger: Logger;
  timing?: SubscriptionTiming;
}

/**
 * Subscribers of one operation + variables + reader scope. The group holds one upstream
 * lease per member it fans in from, resolves the rest of the plan once per event, and
 * sends the one serialised payload to every subscriber, in the order events arrived.
 */
export class SubscriptionGroup {
  private readonly subscribers = new Set<Subscriber>();
  private readonly leases = new Map<string, () => void>();
  /** Events are resolved concurrently but delivered in arrival order. */
  private delivery: Promise<void> = Promise.resolve();
  private readonly fixedMembers: string[] | null;
  private readonly resumeFrom: Map<string, number>;
  private readonly upstreamVariables: Record<string, unknown>;
  private closed = false;
  /** Members that withhold the stream now (their upstreams' last notices), and what subscribers were told. */
  private readonly withheld = new Map<string, WithheldEntry>();
  private announced = new Map<string, WithheldEntry>();
  private noticeTimer: NodeJS.Timeout | null = null;
  readonly stats = { events: 0, deliveries: 0, resolveMsTotal: 0, resolveMsMax: 0 };

  constructor(private readonly options: SubscriptionGroupOptions) {
    const { primaryOperation } = options.plan;
    this.fixedMembers = primaryOperation.memberIdsOf(options.variables);
    this.resumeFrom = primaryOperation.resumeFromOf(options.variables);
    this.upstreamVariables = Object.fromEntries(primaryOperation.variableNames.filter((n) => n in options.variables).map((n) => [n, options.variables[n]]));
    this.syncMembers();
  }

  get key(): string {
    return this.options.key;
  }

  get size(): number {
    return this.subscribers.size;
  }

  get memberIds(): string[] {
    return [...this.leases.keys()];
  }

  /** Members that withhold the stream, as the subscribers were last told. */
  get withheldMemberIds(): string[] {
    return [...this.announced.keys()].sort();
  }

  /** A subscriber joining a running group is told at once which members withhold the stream. */
  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (this.announced.size > 0) {
      const all = [...this.announced.values()];
      subscriber.next(new SerialisedPayload(JSON.stringify(withheldPayload(all, all, this.options.plan.primaryOperation.responseKey))));
    }
  }

  /** Returns true when the group is now empty (and closed). */
  remove(subscriber: Subscriber): boolean {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0) return false;
    this.close();
    return true;
  }

  /**
   * Brings the upstream leases in line with the members to fan in from: the named ones, or
   * every ACTIVE member (those joining while the subscription runs included; those that left
   * the cluster or stopped being ACTIVE released). A member that merely dropped keeps its
   * lease: its upstream reconnects and resumes.
   */
  syncMembers(): void {
    if (this.closed) return;
    const { routes } = this.options;
    const wanted = new Set(this.fixedMembers ?? routes.activeMemberIds().filter((id) => this.leases.has(id) || routes.route(id).kind === 'routable'));
    for (const [memberId, release] of this.leases) {
      if (!wanted.has(memberId)) {
        release();
        this.leases.delete(memberId);
        if (this.withheld.delete(memberId)) this.scheduleNotice();
      }
    }
    for (const memberId of wanted) if (!this.leases.has(memberId)) this.lease(memberId);
  }

  close(): void {
    this.closed = true;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    for (const release of this.leases.values()) release();
    this.leases.clear();
    this.subscribers.clear();
  }

  private lease(memberId: string): void {
    const { plan, pool, routes, tokens, context, logger, scopeKey } = this.options;
    const cursor = this.resumeFrom.get(memberId);
    // The group's key too: a later group resuming from the same cursor must not share an upstream that has passed it.
    const key = stableJson([
      memberId,
      plan.primaryOperation.query,
      this.upstreamVariables,
      cursor ?? null,
      scopeKey,
      cursor === undefined ? null : this.options.key,
    ]);
    const release = pool.acquire(
      key,
      () => ({
        memberId,
        primary: plan.primaryOperation,
        variables: this.upstreamVariables,
        initialSeq: cursor,
        endpointOf: (id) => {
          const route = routes.route(id);
          return route.kind === 'routable' ? route.endpoint : null;
        },
        token: () => tokens.memberToken(forwardedAuthOf(context), memberId),
        logger: logger.child({ memberId }),
        ...(this.options.timing ? { timing: this.options.timing } : {}),
      }),
      this.onEvent,
      scopeKey,
    );
    this.leases.set(memberId, release);
  }

  private readonly onEvent = (event: UpstreamEvent): void => {
    if (this.closed) return;
    if (event.withheld !== undefined) {
      if (event.withheld) this.withheld.set(event.memberId, event.withheld);
      else this.withheld.delete(event.memberId);
      this.scheduleNotice();
      return;
    }
    // A member the subscribers still believe withholds the stream shares it again: say so before its first event.
    if (this.noticeTimer && this.announced.has(event.memberId) && !this.withheld.has(event.memberId)) {
      clearTimeout(this.noticeTimer);
      this.noticeTimer = null;
      this.announceWithheld();
    }
    this.stats.events++;
    const { executor, plan, variables, context, logger } = this.options;
    const started = performance.now();
    const resolved = executor
      .execute(plan, variables, context, event)
      .finally(() => {
        const ms = performance.now() - started;
        this.stats.resolveMsTotal += ms;
        this.stats.resolveMsMax = Math.max(this.stats.resolveMsMax, ms);
        this.options.timing?.resolve.add(ms);
      })
      .catch((error: unknown): EventResult => {
        logger.error({ err: error, memberId: event.memberId, seq: event.seq }, 'subscription event could not be resolved');
        return { data: null, errors: [internalError(event.memberId)] };
      });
    this.delivery = this.delivery.then(async () => {
      const result = await resolved;
      if (this.closed) return;
      const fanOutStarted = performance.now();
      const payload = new SerialisedPayload(JSON.stringify(result));
      for (const subscriber of this.subscribers) subscriber.next(payload);
      this.stats.deliveries += this.subscribers.size;
      const now = performance.now();
      this.options.timing?.fanOut.add(now - fanOutStarted);
      this.options.timing?.inGateway.add(now - event.receivedAt);
    });
  };

  private scheduleNotice(): void {
    if (this.noticeTimer || this.closed) return;
    this.noticeTimer = setTimeout(() => {
      this.noticeTimer = null;
      this.announceWithheld();
    }, WITHHELD_NOTICE_DELAY_MS);
    this.noticeTimer.unref();
  }

  /** One notice when the set of withholding members changed: the newly withheld as errors, the whole set in extensions. */
  private announceWithheld(): void {
    if (this.closed) return;
    const current = new Map(this.withheld);
    const newly = [...current.values()].filter((entry) => !sameEntry(this.announced.get(entry.memberId), entry));
    const gone = [...this.announced.keys()].some((id) => !current.has(id));
    if (newly.length === 0 && !gone) return;
    this.announced = current;
    const payload = new SerialisedPayload(JSON.stringify(withheldPayload(newly, [...current.values()], this.options.plan.primaryOperation.responseKey)));
    // In line with the events: a notice never overtakes an event received before it.
    this.delivery = this.delivery.then(() => {
      if (this.closed) return;
      for (const subscriber of this.subscribers) subscriber.next(payload);
    });
  }
}

function internalError(memberId: string): GraphQLFormattedError {
  return { message: 'The event could not be resolved', extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, memberId } };
}
