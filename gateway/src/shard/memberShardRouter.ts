import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { isApplicant, type ForwardedAuth, type Logger } from '@clustergraph/runtime';
import { applicantRefusedError } from '../errors.ts';
import { forwardedAuthOf, IDEMPOTENCY_KEY_HEADER, type GatewayContext } from '../context.ts';
import { SubgraphCallError, type GraphQLRequestBody, type SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import type { MemberCircuitBreakers } from '../limits/circuitBreaker.ts';
import type { MemberRoutes } from '../routing/memberRoutes.ts';
import { countUnavailableMember, observeMemberCall } from '../observability/subgraphCalls.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import { routingKeyOf } from './entitySplit.ts';
import { KeyShardRouter, type ShardPolicy, type ShardResponse } from './keyShardRouter.ts';
import type { MemberOutcome } from './memberOutcome.ts';
import { memberIdOf } from './mutationSplit.ts';
import type { RootField } from './operationShape.ts';
import { memberSelectionOf } from './rootQueryFanIn.ts';
import { memberShardErrors } from './shardErrors.ts';

export interface MemberShardRouterOptions {
  routes: MemberRoutes;
  http: SubgraphHttpClient;
  tokens: ServiceTokenCache;
  memberTimeoutMs: number;
  logger: Logger;
  /** Answers MEMBER_UNAVAILABLE at once for a member that keeps timing out. */
  breakers?: MemberCircuitBreakers;
}

/**
 * The gateway's data source for the `member` subgraph: one subgraph in the supergraph,
 * one running instance per firm — the key-sharded router configured with the cluster's
 * routing: entities by `memberId` (`Member` by `id`), root queries fanned out to
 * `memberIds` (or every ACTIVE member), mutations to the member their `memberId` names,
 * routes from the cluster registry, a token per member's audience. A member that fails
 * never fails the whole answer.
 */
export class MemberShardRouter extends KeyShardRouter<GatewayContext> {
  constructor(options: MemberShardRouterOptions) {
    super(new MemberShardPolicy(options));
  }

  /** An applicant's request never reaches a member: every member part of its answer is FORBIDDEN. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ShardResponse> {
    const viewer = (options.context as Partial<GatewayContext> | undefined)?.viewer;
    if (viewer && isApplicant(viewer)) return Promise.resolve({ errors: [applicantRefusedError(viewer.memberId)] });
    return super.process(options);
  }
}

class MemberShardPolicy implements ShardPolicy<GatewayContext> {
  readonly unroutableEntities = 'refuse';
  readonly errors = memberShardErrors;
  readonly nullRootFieldIsMissing = true;

  constructor(private readonly options: MemberShardRouterOptions) {}

  entityShard(representation: unknown): string | null {
    return routingKeyOf(representation);
  }

  rootQueryShards(field: RootField, variables: Readonly<Record<string, unknown>>): string[] {
    const selection = memberSelectionOf(field.node, variables);
    return selection.kind === 'all' ? this.options.routes.activeMemberIds() : selection.memberIds;
  }

  mutationShard(field: RootField, variables: Readonly<Record<string, unknown>>, context: Partial<GatewayContext> | undefined): string | null {
    // A root mutation whose memberId is optional (reportLineEvents) acts on the viewer's own firm.
    return memberIdOf(field, variables) ?? context?.viewer?.memberId ?? null;
  }

  allShards(): string[] {
    return this.options.routes.activeMemberIds();
  }

  knowsShard(memberId: string): boolean {
    return this.options.routes.route(memberId).kind !== 'unknown';
  }

  idempotencyKeyOf(context: Partial<GatewayContext> | undefined): string | null {
    return context?.idempotencyKey ?? null;
  }

  call(
    memberId: string,
    body: GraphQLRequestBody,
    context: Partial<GatewayContext> | undefined,
    write: { idempotent: boolean } | null,
  ): Promise<MemberOutcome> {
    // Operations of a client carry its context; anything else goes anonymous (never as the gateway's system identity).
    return this.callMember(memberId, body, forwardedAuthOf(context), write ? idempotencyHeaders(context) : undefined);
  }

  /** One fetch to one member, with a token minted for that member's audience alone (single-use there). */
  private async callMember(memberId: string, body: GraphQLRequestBody, auth: ForwardedAuth, headers?: Record<string, string>): Promise<MemberOutcome> {
    const route = this.options.routes.route(memberId);
    if (route.kind !== 'routable') countUnavailableMember(memberId, route.kind !== 'unknown');
    switch (route.kind) {
      case 'unknown':
        return { ok: false, reason: 'it is not registered in this cluster' };
      case 'unavailable':
        return { ok: false, reason: route.reason };
      case 'routable':
        break;
      default: {
        const unexpected: never = route;
        throw new Error(`unexpected route ${JSON.stringify(unexpected)}`);
      }
    }
    const { breakers } = this.options;
    const refusal = breakers?.refusal(memberId);
    if (refusal) {
      countUnavailableMember(memberId, true);
      return { ok: false, reason: refusal };
    }
    try {
      const token = await this.options.tokens.memberToken(auth, memberId);
      const response = await observeMemberCall(memberId, true, body.operationName, (traceHeaders) =>
        this.options.http.post(route.endpoint, body, { token, timeoutMs: this.options.memberTimeoutMs, headers: { ...traceHeaders, ...headers } }),
      );
      breakers?.succeeded(memberId);
      return { ok: true, response };
    } catch (error) {
      if (!(error instanceof SubgraphCallError)) throw error;
      if (error.transport) breakers?.failed(memberId, route.endpoint);
      else breakers?.succeeded(memberId);
      this.options.logger.warn({ memberId, endpoint: route.endpoint, reason: error.message }, 'member unavailable');
      return { ok: false, reason: error.message, mayHaveRun: error.mayHaveRun };
    }
  }
}

/** The client's Idempotency-Key goes to the member with the write (the member replays its answer on a retry). */
function idempotencyHeaders(context: Partial<GatewayContext> | undefined): Record<string, string> | undefined {
  const key = context?.idempotencyKey;
  return key ? { [IDEMPOTENCY_KEY_HEADER]: key } : undefined;
}
