import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { SubgraphCallError, SubgraphHttpClient } from '../src/http/subgraphHttpClient.ts';
import { deadEndpoint } from './support/graphqlTestServer.ts';

const http = new SubgraphHttpClient();
const servers: Server[] = [];
const sockets = new Set<Socket>();
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await http.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function failureOf(url: string, timeoutMs = 2000): Promise<SubgraphCallError> {
  const error = await http.post(url, { query: 'mutation { x }' }, { token: 't', timeoutMs }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubgraphCallError);
  return error as SubgraphCallError;
}

describe('SubgraphHttpClient: may a failed call have run on the subgraph?', () => {
  it('no, when nothing listens (the request never left)', async () => {
    expect((await failureOf(await deadEndpoint())).mayHaveRun).toBe(false);
  });

  it('yes, when the connection drops after the request was received', async () => {
    const url = await listen(createTcpServer((socket) => socket.once('data', () => socket.destroy())));
    const error = await failureOf(url);
    expect(error.mayHaveRun).toBe(true);
    expect(error.message).toMatch(/connection failed/);
  });

  it('yes, when the answer does not come in time', async () => {
    const url = await listen(createTcpServer(() => undefined));
    const error = await failureOf(url, 200);
    expect(error.mayHaveRun).toBe(true);
    expect(error.message).toBe('no answer within 200 ms');
  });

  it('yes for a 5xx page, no for a 4xx page (the HTTP layer refused the body)', async () => {
    const status = { code: 500 };
    const url = await listen(createHttpServer((_req, res) => res.writeHead(status.code, { 'content-type': 'text/html' }).end('<html>oops</html>')));
    expect((await failureOf(url)).mayHaveRun).toBe(true);
    status.code = 413;
    expect((await failureOf(url)).mayHaveRun).toBe(false);
  });
});
