import type { Server } from 'node:http';

/**
 * How long a service keeps an idle keep-alive connection open. Longer than the gateway's own
 * client-side idle timeout (30 s, `SubgraphHttpClient`), so the caller always closes first: with
 * Node's default of 5 s, a gateway starved of CPU for a few seconds reused connections the
 * service had already closed (UND_ERR_SOCKET, "other side closed") — seen in bench:live.
 */
export const SERVICE_KEEP_ALIVE_MS = 65_000;

/** Applies SERVICE_KEEP_ALIVE_MS; the headers timeout must outlast it (Node's rule for keep-alive servers). */
export function keepIdleConnectionsOpen(server: Server): Server {
  server.keepAliveTimeout = SERVICE_KEEP_ALIVE_MS;
  server.headersTimeout = SERVICE_KEEP_ALIVE_MS + 1_000;
  return server;
}
