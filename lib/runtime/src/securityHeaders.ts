import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers for a JSON API (subgraphs, and the gateway's API routes): no
 * X-Powered-By, nosniff, no framing, no referrer, and a CSP that lets an answer load
 * nothing at all, so a response that a browser is tricked into rendering runs nothing.
 *
 * These headers do not depend on the request, so helmet runs once, here, and every response
 * gets the headers it set: helmet's thirteen middlewares per request were ~5 % of a member's
 * CPU under bench:live (one `reportLineEvents` call per event).
 */
export function apiSecurityHeaders(): RequestHandler {
  const headers: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let done = false;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  })({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // helmet's middlewares are synchronous; a version that is not would show here, not as missing headers.
  if (!done || headers.length === 0) throw new Error('helmet did not set its headers synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
