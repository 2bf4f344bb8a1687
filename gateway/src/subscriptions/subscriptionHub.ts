import { GraphQLError } from 'graphql';
import type { Logger } from '@clustergraph/runtime';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode } from '../errors.ts';
import type { MemberRoutes } from '../routing/memberRoutes.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import type { EventPlanExecutor } from './eventExecutor.ts';
import { readerScopeKey, stableJson } from './readerScope.ts';
import { SubscriptionGroup, type Subscriber } from './subscriptionGroup.ts';
import type { PlannedSubscription } from './subscriptionPlanner.ts';
import type { SubscriptionTiming } from './timing.ts';
import { UpstreamPool, type UpstreamSummary } from './upstreamPool.ts';

export interface SubscriptionHubOptions {
  executor: EventPlanExecutor;
  routes: MemberRoutes;
  tokens: ServiceTokenCache;
  logger: Logger;
  /** How often groups without `memberIds` look for members that joined or left. */
  membershipRefreshMs?: number;
  timing?: SubscriptionTiming;
  /** Member upstreams one reader scope (firm + roles + purpose) may hold open at once. */
  maxUpstreamsPerReader?: number;
}

export const UPSTREAM_LIMIT_EXCEEDED = GatewayErrorCode.UPSTREAM_LIMIT_EXCEEDED;

export interface SubscriptionStats {
  groups: number;
  subscribers: number;
  upstreams: number;
  upstreamsByMember: Record<string, number>;
  details: { groups: Array<{ members: string[]; withheld: string[]; subscribers: number; events: number; deliveries: number }>; upstreams: UpstreamSummary[] };
}

/** Every running gateway subscription: groups by operation + variables + reader scope, over a pool of member upstreams. */
export class SubscriptionHub {
  private readonly groups = new Map<string, SubscriptionGroup>();
  /** Operation + variables + reader scope → the key of the group new subscribers join. */
  private readonly latest = new Map<string, string>();
  private generation = 0;
  private readonly pool = new UpstreamPool();
  private membershipTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SubscriptionHubOptions) {}

  /** Joins (or opens) the subscriber's group; returns what ends its subscription. */
  subscribe(subscriber: Subscriber, plan: PlannedSubscription, variables: Record<string, unknown>, context: GatewayContext): () => void {
    const scopeKey = readerScopeKey(context);
    const sharedKey = stableJson([plan.documentKey, variables, scopeKey]);
    let key = this.latest.get(sharedKey) ?? sharedKey;
    let group = this.groups.get(key);
    // A subscriber resuming from a cursor may join a running group only while that group has
    // passed no event yet: one that has would skip, for it, the events between its cursor and
    // now. (500 clients that lose their gateway at once come back with the same cursor, one
    // after another.) It gets a group of its own then, with its own upstream from that cursor.
    if (group && group.stats.events > 0 && plan.primaryOperation.resumeFromOf(variables).size > 0) {
      group = undefined;
      key = `${sharedKey}#${++this.generation}`;
    }
    if (!group) {
      const max = this.options.maxUpstreamsPerReader;
      if (max !== undefined) {
        const wanted = plan.primaryOperation.memberIdsOf(variables)?.length ?? this.options.routes.activeMemberIds().length;
        const open = this.pool.countFor(scopeKey);
        if (open + wanted > max) {
          throw new GraphQLError(`This subscription needs ${wanted} member upstreams; your firm's reader already holds ${open} of at most ${max}`, {
            extensions: { code: UPSTREAM_LIMIT_EXCEEDED, limit: max, actual: open + wanted },
          });
        }
      }
      group = new SubscriptionGroup({ key, plan, variables, context, scopeKey, pool: this.pool, ...this.options });
      this.groups.set(key, group);
      this.latest.set(sharedKey, key);
      this.watchMembership();
    }
    const joined = group;
    joined.add(subscriber);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (joined.remove(subscriber) && this.groups.get(key) === joined) {
        this.groups.delete(key);
        if (this.latest.get(sharedKey) === key) this.latest.delete(sharedKey);
      }
      if (this.groups.size === 0) this.unwatchMembership();
    };
  }

  stats(): SubscriptionStats {
    const upstreams = this.pool.summary();
    const upstreamsByMember: Record<string, number> = {};
    for (const u of upstreams) upstreamsByMember[u.memberId] = (upstreamsByMember[u.memberId] ?? 0) + 1;
    const groups = [...this.groups.values()];
    return {
      groups: groups.length,
      subscribers: groups.reduce((n, g) => n + g.size, 0),
      upstreams: upstreams.length,
      upstreamsByMember,
      details: { groups: groups.map((g) => ({ members: g.memberIds, withheld: g.withheldMemberIds, subscribers: g.size, ...g.stats })), upstreams },
    };
  }

  close(): void {
    this.unwatchMembership();
    for (const group of this.groups.values()) group.close();
    this.groups.clear();
    this.latest.clear();
    this.pool.closeAll();
  }

  private watchMembership(): void {
    this.membershipTimer ??= setInterval(() => {
      for (const group of this.groups.values()) group.syncMembers();
      this.pool.followMoves();
    }, this.options.membershipRefreshMs ?? 1000);
    this.membershipTimer.unref();
  }

  private unwatchMembership(): void {
    if (this.membershipTimer) clearInterval(this.membershipTimer);
    this.membershipTimer = null;
  }
}
