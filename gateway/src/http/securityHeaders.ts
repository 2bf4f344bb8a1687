import { contentSecurityPolicy } from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The web console's Content-Security-Policy: its own scripts and styles only (the Vite build
 * has no inline script), the API on the same origin over HTTP and WebSocket, charts' images
 * as data: URLs. `style-src-attr 'unsafe-inline'` is for style *attributes* only (React's
 * `style` props and ECharts' tooltips); style elements and every script stay same-origin.
 */
export function consoleContentSecurityPolicy(publicUrl: string): RequestHandler {
  const origin = new URL(publicUrl);
  const wsOrigin = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", wsOrigin],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}

/**
 * GET /graphql with a browser's Accept serves Apollo Sandbox, which brings its own CSP in a
 * <meta> tag (a fresh nonce per page, Apollo's CDN for the sandbox). A header CSP would be
 * intersected with it and block the sandbox, so this one only adds what a meta tag cannot
 * say (frame-ancestors) and what the page never needs (plugins, <base>).
 */
export function landingPageContentSecurityPolicy(): RequestHandler {
  const csp = contentSecurityPolicy({
    useDefaults: false,
    // Deliberately no default-src: the page's meta CSP governs what it loads.
    directives: { defaultSrc: contentSecurityPolicy.dangerouslyDisableDefaultSrc, frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'none'"] },
  });
  // Only the page itself; JSON answers on /graphql keep the API's `default-src 'none'`.
  return (req, res, next) => (req.method === 'GET' && req.headers.accept?.includes('text/html') ? csp(req, res, next) : next());
}
