import type { ServerResponse } from 'node:http';
import { ErrorCode, httpErrorBody } from '@clustergraph/runtime';

/**
 * The member host's own errors (its HTTP API: /admin/firms, unknown firms). Bodies have the
 * GraphQL shape every ClusterGraph service answers HTTP errors with:
 * `{ errors: [{ message, extensions: { code, field? } }] }`. A firm's GraphQL errors are the
 * member subgraph's (../errors.ts).
 */
export class HostApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string) => new HostApiError(400, ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
export const conflict = (field: string, message: string) => new HostApiError(409, ErrorCode.CONFLICT, message, field);
export const unknownFirm = (memberId: string) => new HostApiError(404, ErrorCode.NOT_FOUND, `no hosted firm ${memberId.slice(0, 60)}`, 'memberId');
export const unauthenticated = (reason: string) =>
  new HostApiError(401, ErrorCode.UNAUTHENTICATED, `a host-admin token from the cluster registry is required (${reason})`);
export const firmUnavailable = (memberId: string) =>
  new HostApiError(503, ErrorCode.MEMBER_UNAVAILABLE, `hosted firm ${memberId} cannot be opened now`, 'memberId');

/** Writes a host error as JSON on a plain node response (the firm dispatch runs before express). */
export function sendHostError(res: ServerResponse, error: HostApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(httpErrorBody(error.message, error.code, error.field ? { field: error.field } : {}));
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}
