/** Resolves an endpoint (absolute, or relative like `/graphql` in the console) to a URL. */
export function resolveEndpoint(endpoint: string): URL {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return base ? new URL(endpoint, base) : new URL(endpoint);
}

/** The gateway origin serving `/auth/*` next to the GraphQL endpoint. */
export function gatewayOrigin(endpoint: string): string {
  return resolveEndpoint(endpoint).origin;
}

/** ws(s):// URL for graphql-ws on the same path as HTTP. */
export function webSocketUrl(endpoint: string): string {
  const url = resolveEndpoint(endpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
