import { buildSchema } from 'graphql';
import type { ServiceTokenVerifier } from '@clustergraph/runtime';
import { startGraphQLTestServer, type GraphQLTestServer } from './graphqlTestServer.ts';

const FAKE_CLUSTER_SCHEMA = buildSchema(`
  scalar _Any
  union _Entity = Member
  enum MemberRole { LEADER PARTNER ANCHOR }
  enum MemberStatus { PENDING ACTIVE SUSPENDED QUARANTINED }
  type Member { id: ID! name: String! roles: [MemberRole!]! status: MemberStatus! statusReason: String }
  type RoutingEntry { memberId: ID! name: String! endpoint: String! status: MemberStatus! roles: [MemberRole!]! }
  type Query {
    _entities(representations: [_Any!]!): [_Entity]!
    members: [Member!]!
    routingTable: [RoutingEntry!]!
  }
  type Mutation { quarantineMember(id: ID!, reason: String!): Member! }
`);

export interface RegistryRow {
  id: string;
  name: string;
  roles: string[];
  status: 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'QUARANTINED';
  endpoint: string;
  statusReason?: string;
}

export interface FakeCluster extends GraphQLTestServer {
  registry: RegistryRow[];
}

/** The cluster registry: members (through the gateway), routingTable and quarantineMember (system calls). */
export async function startFakeCluster(registry: RegistryRow[], verifier: ServiceTokenVerifier): Promise<FakeCluster> {
  const asMember = (row: RegistryRow) => ({ __typename: 'Member', ...row });
  const rootValue = {
    members: () => registry.map(asMember),
    _entities: ({ representations }: { representations: Array<{ id: string }> }) =>
      representations.map((rep) => {
        const row = registry.find((r) => r.id === rep.id);
        return row ? asMember(row) : null;
      }),
    routingTable: () => registry.map((row) => ({ memberId: row.id, name: row.name, endpoint: row.endpoint, status: row.status, roles: row.roles })),
    quarantineMember: ({ id, reason }: { id: string; reason: string }) => {
      const row = registry.find((r) => r.id === id);
      if (!row) throw new Error(`no member ${id}`);
      row.status = 'QUARANTINED';
      row.statusReason = reason;
      return asMember(row);
    },
  };
  const server = await startGraphQLTestServer(FAKE_CLUSTER_SCHEMA, rootValue, verifier);
  return Object.assign(server, { registry });
}
