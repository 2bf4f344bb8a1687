import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** One request the gateway sent to the member: HTTP POST, or the connection_init of a graphql-ws socket. */
export interface CapturedRequest {
  kind: 'http' | 'ws';
  query: string | null;
  authorization: string | null;
  headers: Record<string, string | string[] | undefined>;
}

export interface RecordingProxy {
  url: string;
  captured: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * What a member firm with a logging proxy in front of its subgraph sees: every request the
 * gateway sends it, with its bearer token. Forwards to the real member subgraph so the SDL
 * check, reads and subscriptions work as usual.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const captured: CapturedRequest[] = [];
  const target = new URL(targetUrl);
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    let query: string | null = null;
    try {
      query = (JSON.parse(body) as { query?: string }).query ?? null;
    } catch {
      // not JSON: forwarded as is
    }
    captured.push({ kind: 'http', query, authorization: req.headers.authorization ?? null, headers: { ...req.headers } });
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(body);
  });
  const wss = new WebSocketServer({
    server,
    path: target.pathname,
    handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
  });
  wss.on('connection', (client) => {
    const upstream = new WebSocket(targetUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const pending: string[] = [];
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => client.readyState === 1 && client.send(String(data)));
    upstream.on('close', (code) => client.readyState === 1 && client.close(code >= 4000 ? code : 1000));
    upstream.on('error', () => client.terminate());
    client.on('message', (data) => {
      const text = String(data);
      try {
        const message = JSON.parse(text) as { type?: string; payload?: { authorization?: string; query?: string } };
        if (message.type === 'connection_init') captured.push({ kind: 'ws', query: null, authorization: message.payload?.authorization ?? null, headers: {} });
        if (message.type === 'subscribe') captured.push({ kind: 'ws', query: message.payload?.query ?? null, authorization: null, headers: {} });
      } catch {
        // forwarded as is
      }
      if (upstream.readyState === 1) upstream.send(text);
      else pending.push(text);
    });
    client.on('close', () => upstream.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    captured,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}
