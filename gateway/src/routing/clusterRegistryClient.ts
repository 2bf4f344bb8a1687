import type { SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import { MEMBER_STATUSES, type MemberStatus } from '@clustergraph/schema/values';

export { MEMBER_STATUSES, type MemberStatus };

/** One member in the cluster registry, as the gateway routes it. */
export interface RegistryEntry {
  memberId: string;
  name: string;
  /** Null for a HOSTED applicant the member host has not provisioned yet (never routed). */
  endpoint: string | null;
  status: MemberStatus;
  roles: string[];
}

const ROUTING_TABLE_QUERY = 'query GatewayRoutingTable { routingTable { memberId name endpoint status roles } }';
const QUARANTINE_MUTATION = 'mutation GatewayQuarantineMember($id: ID!, $reason: String!) { quarantineMember(id: $id, reason: $reason) { id status } }';

/** The gateway's system calls to the cluster subgraph (fields @inaccessible in the supergraph, so called directly). */
export class ClusterRegistryClient {
  constructor(
    private readonly clusterUrl: string,
    private readonly http: SubgraphHttpClient,
    private readonly tokens: ServiceTokenCache,
    private readonly timeoutMs: number,
  ) {}

  async fetchRoutingTable(): Promise<RegistryEntry[]> {
    const response = await this.send(ROUTING_TABLE_QUERY);
    const rows = response.data?.['routingTable'];
    if (!Array.isArray(rows)) throw new Error(`cluster routingTable failed: ${firstMessage(response.errors)}`);
    return rows.flatMap((row) => {
      const entry = toRegistryEntry(row);
      return entry ? [entry] : [];
    });
  }

  async quarantineMember(memberId: string, reason: string): Promise<void> {
    const response = await this.send(QUARANTINE_MUTATION, { id: memberId, reason });
    if (!response.data?.['quarantineMember']) throw new Error(`quarantineMember(${memberId}) failed: ${firstMessage(response.errors)}`);
  }

  private async send(query: string, variables?: Record<string, unknown>) {
    return this.http.post(this.clusterUrl, { query, variables }, { token: await this.tokens.systemToken(), timeoutMs: this.timeoutMs });
  }
}

function toRegistryEntry(row: unknown): RegistryEntry | null {
  if (typeof row !== 'object' || row === null) return null;
  const { memberId, name, endpoint, status, roles } = row as Record<string, unknown>;
  if (typeof memberId !== 'string' || (typeof endpoint !== 'string' && endpoint !== null)) return null;
  if (!(MEMBER_STATUSES as readonly unknown[]).includes(status)) return null;
  return {
    memberId,
    name: typeof name === 'string' ? name : memberId,
    endpoint,
    status: status as MemberStatus,
    roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
  };
}

function firstMessage(errors: ReadonlyArray<{ message: string }> | undefined): string {
  return errors?.[0]?.message ?? 'no data in the answer';
}
