import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql, type GraphQLSchema } from 'graphql';
import { bearerToken, isSdlProbe, type ForwardedAuth, type ServiceTokenVerifier } from '@clustergraph/runtime';

export interface ReceivedRequest {
  query: string;
  variables: Record<string, unknown>;
  auth: ForwardedAuth | null;
  headers: IncomingMessage['headers'];
}

export interface GraphQLTestServer {
  url: string;
  received: ReceivedRequest[];
  /** Milliseconds to wait before answering (to exercise timeouts). */
  delayMs: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A real GraphQL-over-HTTP server on an ephemeral port, refusing calls without a valid gateway token. */
export async function startGraphQLTestServer(schema: GraphQLSchema, rootValue: unknown, verifier: ServiceTokenVerifier): Promise<GraphQLTestServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    const auth = await verifier.verify(bearerToken(req.headers.authorization));
    received.push({ query: body.query, variables: body.variables ?? {}, auth, headers: req.headers });
    if (!auth) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'gateway token required' }] }));
      return;
    }
    if (auth.probe && !isSdlProbe(body.query)) {
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'a probe token allows only { _service { sdl } }' }] }));
      return;
    }
    if (handle.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, handle.delayMs));
    const result = await graphql({ schema, source: body.query, rootValue, variableValues: body.variables ?? {}, operationName: body.operationName ?? null });
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const handle: GraphQLTestServer = {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return handle;
}

/** A URL where nothing listens: a port that was free a moment ago. */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}
