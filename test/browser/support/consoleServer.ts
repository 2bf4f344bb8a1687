import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ConsoleServer {
  /** URL of the console's index, e.g. http://127.0.0.1:1234/console/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * The console as the gateway will serve it: the built files under /console and the
 * API (/graphql over HTTP and WebSocket, /auth) on the same origin, proxied to the
 * gateway. Stands in until the gateway serves clients/web/dist itself.
 */
export async function startConsoleServer(distDir: string, gatewayOrigin: string): Promise<ConsoleServer> {
  const root = resolve(distDir);
  const upstream = new URL(gatewayOrigin);
  const sockets = new Set<Socket>();

  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const upstreamReq = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`gateway unreachable: ${error.message}`);
    });
    req.pipe(upstreamReq);
  };

  const serveFile = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice('/console'.length) || '/';
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return res.writeHead(403).end();
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/' || url === '/console') return res.writeHead(302, { location: '/console/' }).end();
    if (url.startsWith('/console/')) return serveFile(req, res);
    return proxy(req, res);
  });

  // graphql-ws: pass the upgrade through to the gateway byte for byte.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const upstreamSocket = connect(Number(upstream.port), upstream.hostname, () => {
      const headers = Object.entries({ ...req.headers, host: upstream.host })
        .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`]))
        .join('\r\n');
      upstreamSocket.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length) upstreamSocket.write(head);
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
    });
    for (const s of [socket, upstreamSocket]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        socket.destroy();
        upstreamSocket.destroy();
      });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/console/`,
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}

/** The gateway's own /console when it serves the built console, else a stand-in server. */
export async function consoleFor(distDir: string, gatewayOrigin: string): Promise<ConsoleServer> {
  try {
    const res = await fetch(`${gatewayOrigin}/console/`);
    const text = await res.text();
    if (res.ok && text.includes('<div id="root">')) return { origin: gatewayOrigin, url: `${gatewayOrigin}/console/`, close: async () => {} };
  } catch {
    // fall through to the stand-in
  }
  return startConsoleServer(distDir, gatewayOrigin);
}
