/** Stock @apollo/gateway 2.14 under stock Apollo Server 5 (standalone), as the benchmark's apollo-gateway runs it. */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  gateway: new ApolloGateway({ supergraphSdl: readFileSync(process.env['SUPERGRAPH_FILE']!, 'utf8') }),
  includeStacktraceInErrorResponses: false,
});
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' } });
console.log(JSON.stringify({ ready: url }));
