import type { RequestHandler } from 'express';

/**
 * Lets browser consoles on other origins call /graphql (bearer tokens, no cookies).
 * A few lines instead of the `cors` package, whose types the gateway does not carry.
 */
export function allowCrossOrigin(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('vary', 'origin');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type, authorization, x-clustergraph-purpose');
    res.setHeader('access-control-max-age', '600');
    res.status(204).end();
  };
}
