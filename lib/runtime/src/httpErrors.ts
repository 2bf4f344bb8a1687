import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from './errors.ts';

/**
 * HTTP errors as GraphQL-shaped JSON: `{ errors: [{ message, extensions: { code } }] }`.
 * Express's own final handler answers with an HTML page that carries the stack trace and
 * the server's absolute paths (outside NODE_ENV=production); these handlers replace it on
 * every service so that a client — or an attacker probing with broken requests — only
 * ever sees a status, a code and a message meant for it.
 */

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
};

/** The code for an HTTP status: the registry's name for it, BAD_REQUEST for other 4xx, else INTERNAL_SERVER_ERROR. */
export function errorCodeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR);
}

export function httpErrorBody(message: string, code: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/** What body-parser (express.json) and http-errors put on the errors they throw. */
interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  message?: unknown;
  headers?: unknown;
  extensions?: { code?: unknown };
  limit?: unknown;
}

/** Friendlier words for body-parser's failures than its internal messages. */
function describe(error: HttpErrorLike, status: number): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return `malformed JSON in the request body: ${String(error.message)}`;
    case 'entity.too.large':
      return `request body too large (limit ${typeof error.limit === 'number' ? `${error.limit} bytes` : 'exceeded'})`;
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return String(error.message);
    default:
      return error.expose === true && typeof error.message === 'string' ? error.message : (STATUS_CODES[status] ?? 'error');
  }
}

function statusOf(error: HttpErrorLike): number {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : 500;
  return status >= 400 && status < 600 ? status : 500;
}

export interface JsonErrorHandlerOptions {
  logger: Logger;
  /** EXPOSE_ERRORS=1: a 5xx carries the error's own message (never its stack). */
  exposeErrors?: boolean;
}

/**
 * The last error handler of an express app. Any http-errors style error (`status`, `expose`,
 * `headers` such as Retry-After, optional `extensions.code`) becomes a JSON error body;
 * anything else is a masked 500 whose details go to the log only.
 */
export function jsonErrorHandler(options: JsonErrorHandlerOptions): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a body: let express close the connection.
      next(err);
      return;
    }
    const error = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as HttpErrorLike;
    const status = statusOf(error);
    const ownCode = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
    const code = ownCode ?? errorCodeForStatus(status);
    let message: string;
    if (status >= 500) {
      options.logger.error({ err, method: req.method, path: req.path }, 'request failed');
      message = options.exposeErrors && typeof error.message === 'string' ? error.message : 'Internal server error';
    } else {
      message = describe(error, status);
    }
    if (error.headers && typeof error.headers === 'object') {
      for (const [name, value] of Object.entries(error.headers as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number') res.setHeader(name, value);
      }
    }
    res.status(status).json(httpErrorBody(message, code));
  };
}

/** 404 for every route nobody serves (mount last, before jsonErrorHandler). */
export function jsonNotFound(): RequestHandler {
  return (req, res) => {
    res.status(404).json(httpErrorBody(`no route for ${req.method} ${req.path.slice(0, 200)}`, ErrorCode.NOT_FOUND));
  };
}

/**
 * 415 for a POST whose body is not JSON. Without it, express.json skips the body and Apollo
 * answers a form or text/plain post as a CSRF attempt (400) or "POST body missing".
 */
export function requireJsonBody(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.is('application/json')) return next();
    const type = req.headers['content-type'];
    res
      .status(415)
      .json(
        httpErrorBody(`content-type ${type ? `"${type.slice(0, 100)}"` : '(none)'} is not supported: send application/json`, ErrorCode.UNSUPPORTED_MEDIA_TYPE),
      );
  };
}
