import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ServiceIdentity } from './serviceIdentity.ts';
import { SERVICE_PURPOSE } from './serviceIdentity.ts';

/** Planning needs the gateway; without GATEWAY_URL its fields answer this. */
export class PlanningUnavailableError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'PLANNING_UNAVAILABLE' } });
  }
}

export interface GatewayAnswer<TData> {
  data: TData | null;
  errors: GraphQLFormattedError[];
}

/**
 * GraphQL over HTTP to the gateway as the planner service (the leader, purpose JOINT_PLANNING).
 * Partial answers are normal — a member that is down yields null and a MEMBER_UNAVAILABLE
 * error — so the caller gets data and errors together and decides.
 */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly identity: ServiceIdentity,
    private readonly timeoutMs = 20_000,
  ) {}

  async request<TData>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<GatewayAnswer<TData>> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.identity.token()}`,
          'x-clustergraph-purpose': SERVICE_PURPOSE,
        },
        body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PlanningUnavailableError(`the gateway at ${this.url} did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: { data?: TData | null; errors?: GraphQLFormattedError[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new PlanningUnavailableError(`the gateway answered HTTP ${response.status} without GraphQL: ${text.slice(0, 200)}`);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

/** Member ids named by MEMBER_UNAVAILABLE (or other) errors of a partial answer. */
export function failedMemberIds(errors: readonly GraphQLFormattedError[]): Map<string, string> {
  const failed = new Map<string, string>();
  for (const error of errors) {
    const memberId = error.extensions?.['memberId'];
    if (typeof memberId === 'string' && !failed.has(memberId)) failed.set(memberId, error.message);
  }
  return failed;
}

export function describeErrors(errors: readonly GraphQLFormattedError[]): string {
  return errors.map((e) => `${e.message}${e.extensions?.['code'] ? ` (${String(e.extensions['code'])})` : ''}`).join('; ');
}
