/**
 * Serves the benchmark's four subgraphs from one process, each on its own port, with
 * graphql-js directly (documents parsed and validated once) so that the subgraphs cost as
 * little as possible next to the gateways being measured. Prints `{"ready": {name: url}}`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { BENCH_SUBGRAPHS } from './topology.ts';

const urls: Record<string, string> = {};
for (const subgraph of BENCH_SUBGRAPHS) {
  const schema = buildSubgraphSchema([{ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }]);
  const documents = new Map<string, DocumentNode | readonly Error[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: { query: string; variables?: Record<string, unknown>; operationName?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      let document = documents.get(body.query);
      if (!document) {
        try {
          const parsed = parse(body.query);
          const errors = validate(schema, parsed);
          document = errors.length > 0 ? errors : parsed;
        } catch (error) {
          document = [error as Error];
        }
        documents.set(body.query, document);
      }
      const result = Array.isArray(document)
        ? { errors: document.map((e) => ({ message: e.message })) }
        : execute({ schema, document: document as DocumentNode, variableValues: body.variables ?? {}, operationName: body.operationName ?? null });
      Promise.resolve(result).then((answer) => {
        const text = JSON.stringify(answer);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  urls[subgraph.name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
console.log(JSON.stringify({ ready: urls }));
