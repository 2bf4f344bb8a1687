import { ClusterGraphError } from './errors.ts';
import { gatewayOrigin } from './endpoint.ts';

/** A demo login is `<user>@<memberId>`, e.g. `admin@hanbit-ev`. */
export interface DemoLogin {
  login: string;
  user: string;
  memberId: string;
}

export function parseLogin(login: string): DemoLogin {
  const at = login.lastIndexOf('@');
  if (at <= 0 || at === login.length - 1) throw new Error(`login "${login}" is not <user>@<memberId>`);
  return { login, user: login.slice(0, at), memberId: login.slice(at + 1) };
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (cause) {
    throw new ClusterGraphError(`cannot reach ${url}: ${(cause as Error).message}`, [], undefined, undefined, { cause });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ClusterGraphError(`unexpected answer from ${url} (HTTP ${res.status}): ${text.slice(0, 200)}`, [], undefined, res.status);
  }
  if (!res.ok) {
    const error = (body as { error?: string }).error ?? `HTTP ${res.status}`;
    throw new ClusterGraphError(error, [], undefined, res.status);
  }
  return body as T;
}

/** Signs in with the gateway's demo issuer and returns the bearer token. */
export async function login(endpoint: string, user: string): Promise<string> {
  const body = await getJson<{ token?: string }>(`${gatewayOrigin(endpoint)}/auth/demo-token?user=${encodeURIComponent(user)}`);
  if (!body.token) throw new ClusterGraphError(`no token for ${user}`);
  return body.token;
}

/** The demo issuer's applicant: `applicant@<id>` signs in a firm that is not a member yet, to apply (or to read its application). */
export const APPLICANT_USER = 'applicant';

export function applicantLogin(memberId: string): string {
  return `${APPLICANT_USER}@${memberId}`;
}

/** The demo issuer's logins: members' users, and the applicants of firms whose application is open (PENDING or REJECTED). */
export async function demoLogins(endpoint: string): Promise<{ users: string[]; applicants: string[] }> {
  const body = await getJson<{ users?: string[]; applicants?: string[] }>(`${gatewayOrigin(endpoint)}/auth/demo-users`);
  return { users: body.users ?? [], applicants: body.applicants ?? [] };
}

/** The demo logins the gateway offers. */
export async function demoUsers(endpoint: string): Promise<string[]> {
  const body = await getJson<{ users?: string[] }>(`${gatewayOrigin(endpoint)}/auth/demo-users`);
  return body.users ?? [];
}

/** Claims of a JWT payload, unverified (display only: who am I, when does it expire). */
export function decodeTokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const json = typeof atob === 'function' ? atob(base64) : Buffer.from(base64, 'base64').toString('utf8');
  try {
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
