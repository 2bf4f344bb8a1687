import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** One subgraph on 127.0.0.1, port 0, served by Apollo Server as any subgraph would be. */
export async function startSubgraph(definition: { typeDefs: DocumentNode; resolvers: Record<string, unknown> }): Promise<RunningServer> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

/** Composes subgraphs (name, SDL, URL) into a supergraph with @apollo/composition; throws on composition errors. */
export function composeSupergraph(subgraphs: ReadonlyArray<{ name: string; typeDefs: DocumentNode; url: string }>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: s.url })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/** Stock @apollo/gateway under stock Apollo Server (stack traces off, as a production server would). */
export async function startStockGateway(supergraphSdl: string, port = 0): Promise<RunningServer> {
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl }),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

/** POSTs an operation and keeps status and parsed body, for comparing gateways byte for byte in meaning. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the comparison shows it
  }
  return { status: response.status, body };
}
