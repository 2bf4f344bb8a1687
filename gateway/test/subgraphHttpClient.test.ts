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

describe('SubgraphHttpClient: a pooled connection the subgraph already closed', () => {
  /**
   * A subgraph that answers one request per connection with `Connection: keep-alive` and then
   * resets the connection when a second request arrives on it, without answering (as a server
   * whose idle timeout fired while the gateway was starved of CPU, so the gateway reused a
   * connection it did not yet know was closed): that request fails with UND_ERR_SOCKET.
   */
  async function oneRequestPerConnection(): Promise<{ url: string; attempts: string[]; answered: string[] }> {
    const attempts: string[] = [];
    const answered: string[] = [];
    const served = new WeakSet<Socket>();
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        attempts.push(body);
        if (served.has(req.socket)) return void req.socket.destroy();
        served.add(req.socket);
        answered.push(body);
        res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'keep-alive': 'timeout=60' });
        res.end(JSON.stringify({ data: { ok: true } }));
      });
    });
    return { url: await listen(server), attempts, answered };
  }

  const client = new SubgraphHttpClient({ connectionsPerOrigin: 1 });
  afterAll(() => client.close());

  it('sends a read again on a new connection', async () => {
    const { url, attempts, answered } = await oneRequestPerConnection();
    expect(await client.post(url, { query: 'query A { ok }' }, { timeoutMs: 2000 })).toEqual({ data: { ok: true } });
    expect(await client.post(url, { query: '{ ok }' }, { timeoutMs: 2000 })).toEqual({ data: { ok: true } });
    expect(attempts).toHaveLength(3); // the second read twice: on the dead connection, then on a new one
    expect(answered).toHaveLength(2);
  });

  it('never sends a write twice: its outcome is unknown', async () => {
    const { url, attempts } = await oneRequestPerConnection();
    await client.post(url, { query: 'query A { ok }' }, { timeoutMs: 2000 });
    const error = await client.post(url, { query: 'mutation M { ok }' }, { timeoutMs: 2000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubgraphCallError);
    expect((error as SubgraphCallError).mayHaveRun).toBe(true);
    expect(attempts.filter((body) => body.includes('mutation'))).toHaveLength(1);
  });
});
