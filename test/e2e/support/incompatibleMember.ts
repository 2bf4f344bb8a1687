import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, graphql } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';

/**
 * A firm's own MES that implements an outdated member SDL: `Line` lacks `processes` and
 * `Member` lacks `capacity`. A real subgraph over HTTP, so the gateway's SDL check runs for real.
 */
const OUTDATED_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    lines(memberIds: [ID!]): [Line!]!
  }
  type Member @key(fields: "id") {
    id: ID!
    lines: [Line!]
  }
  type Line @key(fields: "memberId id") {
    memberId: ID!
    id: ID!
    name: String!
  }
`;

export interface IncompatibleMember {
  url: string;
  stop(): Promise<void>;
}

export async function startIncompatibleMember(): Promise<IncompatibleMember> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(OUTDATED_SDL),
    resolvers: { Query: { lines: () => [{ memberId: 'rogue', id: 'x', name: 'x' }] } } as never,
  });
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = body ? JSON.parse(body) : { query: '{ __typename }', variables: {} };
    const result = await graphql({ schema, source: query, variableValues: variables });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => new Promise((r) => server.close(() => r())) };
}
