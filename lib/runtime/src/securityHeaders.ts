import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers for a JSON API (subgraphs, and the gateway's API routes): no
 * X-Powered-By, nosniff, no framing, no referrer, and a CSP that lets an answer load
 * nothing at all, so a response that a browser is tricked into rendering runs nothing.
 */
export function apiSecurityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  });
}
