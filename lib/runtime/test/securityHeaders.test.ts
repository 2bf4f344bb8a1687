import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { apiSecurityHeaders } from '../src/securityHeaders.ts';

// The headers are computed once from helmet; a response must carry exactly what helmet itself
// would have set on it, over a real socket, on every request (not only the first).

async function headersOf(middleware: express.RequestHandler): Promise<Array<Record<string, string>>> {
  const app = express();
  app.use(middleware);
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${origin}/x`);
      await res.text();
      const headers = Object.fromEntries(res.headers);
      delete headers['date'];
      delete headers['etag'];
      delete headers['keep-alive'];
      delete headers['connection'];
      answers.push(headers);
    }
    return answers;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('apiSecurityHeaders', () => {
  it("sets exactly helmet's headers on every response, and no X-Powered-By", async () => {
    const ours = await headersOf(apiSecurityHeaders());
    const helmets = await headersOf(
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
        frameguard: { action: 'deny' },
      }),
    );
    expect(ours[0]).toEqual(helmets[0]);
    expect(ours[1]).toEqual(ours[0]);
    expect(ours[0]).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(ours[0]!['x-powered-by']).toBeUndefined();
    // Without the middleware express announces itself: the removal is what takes it away.
    expect((await headersOf((_req, _res, next) => next()))[0]!['x-powered-by']).toBe('Express');
  });
});
