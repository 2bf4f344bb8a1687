import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** The address a request (or a WebSocket upgrade) counts against in the per-address rate limit. */
export type ClientAddressOf = (req: IncomingMessage) => string | undefined;

/**
 * Checks a TRUSTED_PROXIES list (addresses, CIDR ranges, or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`) and returns why it is not one, or null.
 */
export function trustedProxiesProblem(entries: readonly string[]): string | null {
  try {
    proxyAddr.compile([...entries]);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The client's address (proxy-addr, the module express itself uses): the socket's peer, unless
 * that peer is a trusted proxy (a load balancer in front of the gateway replicas, TRUSTED_PROXIES),
 * in which case it is the right-most address of X-Forwarded-For that is not a trusted proxy.
 * With no trusted proxy the header is never read: anybody can write one, and a client that
 * wrote a new address on every request would otherwise escape the limit.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressOf {
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress;
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => (req.socket.remoteAddress === undefined ? undefined : proxyAddr(req, trust));
}
