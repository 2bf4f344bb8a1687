import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResult<TData = Record<string, any>> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export interface RequestOptions {
  token?: string | null | undefined;
  purpose?: string;
  headers?: Record<string, string>;
  operationName?: string;
}

/** POSTs a GraphQL operation the way any client would. */
export async function gql<TData = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.purpose) headers['x-clustergraph-purpose'] = options.purpose;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables, ...(options.operationName ? { operationName: options.operationName } : {}) }),
  });
  const text = await res.text();
  let body: { data?: TData | null; errors?: GraphQLFormattedError[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON answer (${res.status}) from ${url}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, ...body };
}

/** Fails with every GraphQL error when there is any. */
export function expectNoErrors<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  if (!result.data) throw new Error(`no data (HTTP ${result.status})`);
  return result.data;
}

/** A sign-in token from the gateway's demo issuer, e.g. login 'admin@hanbit-ev'. */
export async function demoToken(gatewayOrigin: string, login: string): Promise<string> {
  const res = await fetch(`${gatewayOrigin}/auth/demo-token?user=${encodeURIComponent(login)}`);
  const body = (await res.json()) as { token?: string; error?: string };
  if (!body.token) throw new Error(`demo token for ${login}: ${body.error ?? res.status}`);
  return body.token;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
