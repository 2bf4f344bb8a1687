import { parse, type GraphQLFormattedError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ForwardedAuth, Logger } from '@clustergraph/runtime';
import { forwardedAuthOf, IDEMPOTENCY_KEY_HEADER, type GatewayContext } from '../context.ts';
import { SubgraphCallError, type GraphQLRequestBody, type SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import type { MemberCircuitBreakers } from '../limits/circuitBreaker.ts';
import type { MemberRoutes } from '../routing/memberRoutes.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import { assembleEntities, splitRepresentations } from './entitySplit.ts';
import type { MemberOutcome } from './memberOutcome.ts';
import { mergeMutationParts, splitMutation, type MutationPartResult } from './mutationSplit.ts';
import { operationShape, parseOperation } from './operationShape.ts';
import { mergeRootQueryAnswers, planRootQuery } from './rootQueryFanIn.ts';
import { isIncomingOperation } from '../requestKind.ts';

export interface MemberShardRouterOptions {
  routes: MemberRoutes;
  http: SubgraphHttpClient;
  tokens: ServiceTokenCache;
  memberTimeoutMs: number;
  logger: Logger;
  /** Answers MEMBER_UNAVAILABLE at once for a member that keeps timing out. */
  breakers?: MemberCircuitBreakers;
}

interface ShardResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/**
 * The gateway's data source for the `member` subgraph: one subgraph in the supergraph,
 * one running instance per firm. Entity fetches are split by routing key, root queries
 * fanned out to `memberIds` (or every ACTIVE member) and concatenated, mutations sent to
 * the member their `memberId` names. A member that fails never fails the whole answer.
 */
export class MemberShardRouter implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly options: MemberShardRouterOptions) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ShardResponse> {
    const { request } = options;
    if (!request.query) throw new Error('member shard router: request without a query');
    // Operations of a client carry its context; anything else goes anonymous (never as the gateway's system identity).
    const incoming = isIncomingOperation(options) ? options : null;
    const auth = forwardedAuthOf(options.context);
    const parsed = parseOperation(incoming?.document ?? parse(request.query), request.operationName);
    const variables = request.variables ?? {};
    const body: GraphQLRequestBody = { query: request.query, variables, operationName: request.operationName };
    const shape = operationShape(parsed);
    switch (shape) {
      case 'entities':
        return this.fetchEntities(body, variables, auth);
      case 'rootQuery': {
        const plan = planRootQuery(parsed.rootFields, variables, this.options.routes.activeMemberIds());
        const outcomes = new Map(await Promise.all(plan.members.map(async (memberId) => [memberId, await this.callMember(memberId, body, auth)] as const)));
        return withoutEmptyErrors(mergeRootQueryAnswers(plan, outcomes, 'Query'));
      }
      case 'mutation': {
        const results: MutationPartResult[] = [];
        for (const split of splitMutation(parsed, request.query, variables)) {
          // A root mutation whose memberId is optional (reportLineEvents) acts on the viewer's own firm.
          const part = split.memberId === null ? { ...split, memberId: options.context?.viewer?.memberId ?? null } : split;
          const route = part.memberId === null ? null : this.options.routes.route(part.memberId);
          if (route === null || route.kind === 'unknown') {
            results.push({ kind: 'unknownMember', part });
            break;
          }
          const outcome = await this.callMember(
            route.memberId,
            { query: part.query, variables: part.variables, operationName: request.operationName },
            auth,
            idempotencyHeaders(options.context),
          );
          results.push({ kind: 'answered', part, outcome });
          if (!outcome.ok || outcome.response.data?.[part.responseKey] == null) break;
        }
        return withoutEmptyErrors(mergeMutationParts(results, options.context?.idempotencyKey ?? null));
      }
      case 'subscription':
        throw new Error('member shard router: subscriptions are served over graphql-ws, not through a data source');
      default: {
        const unexpected: never = shape;
        throw new Error(`unexpected operation shape ${String(unexpected)}`);
      }
    }
  }

  private async fetchEntities(body: GraphQLRequestBody, variables: Record<string, unknown>, auth: ForwardedAuth): Promise<ShardResponse> {
    const representations = variables['representations'];
    if (!Array.isArray(representations)) throw new Error('member shard router: _entities without $representations');
    const batches = splitRepresentations(representations);
    const answered = await Promise.all(
      batches.map(async (batch) => {
        const outcome: MemberOutcome =
          batch.memberId === null
            ? { ok: false, reason: 'the entity carries no memberId to route by' }
            : await this.callMember(batch.memberId, { ...body, variables: { ...variables, representations: batch.representations } }, auth);
        return { batch, outcome };
      }),
    );
    const { entities, errors } = assembleEntities(representations.length, answered);
    return withoutEmptyErrors({ data: { _entities: entities }, errors });
  }

  /** One fetch to one member, with a token minted for that member's audience alone (single-use there). */
  private async callMember(memberId: string, body: GraphQLRequestBody, auth: ForwardedAuth, headers?: Record<string, string>): Promise<MemberOutcome> {
    const route = this.options.routes.route(memberId);
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
    if (refusal) return { ok: false, reason: refusal };
    try {
      const token = await this.options.tokens.memberToken(auth, memberId);
      const response = await this.options.http.post(route.endpoint, body, { token, timeoutMs: this.options.memberTimeoutMs, ...(headers ? { headers } : {}) });
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

function withoutEmptyErrors(response: { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] }): ShardResponse {
  return response.errors.length > 0 ? response : { data: response.data };
}
