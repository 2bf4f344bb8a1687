import type { RequestHandler } from 'express';
import type { ClientAddressOf } from './clientAddress.ts';
import { RATE_LIMITED, rateLimitedMessage, type RequestRateLimiter } from './rateLimits.ts';

/**
 * Per address, before the body is read or a token verified: the cheapest refusal. Per user
 * and per firm are counted once the viewer is known (context creation, `createGatewayContext`).
 */
export function rateLimitByAddress(limiter: RequestRateLimiter, clientAddressOf: ClientAddressOf): RequestHandler {
  return (req, res, next) => {
    // Only operations count; CORS preflights and the landing page do not.
    if (req.method !== 'POST' && !(req.method === 'GET' && typeof req.query['query'] === 'string')) return next();
    limiter.consume({ viewer: null, address: clientAddressOf(req) }, ['address']).then(
      (decision) => {
        if (decision.allowed) return next();
        res
          .status(429)
          .set('retry-after', String(decision.retryAfterSeconds))
          .json({
            errors: [
              {
                message: rateLimitedMessage(decision),
                extensions: { code: RATE_LIMITED, scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds },
              },
            ],
          });
      },
      (error: unknown) => next(error),
    );
  };
}
