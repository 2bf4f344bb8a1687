import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorHandler, jsonNotFound } from '../src/httpErrors.ts';
import { silentLogger } from '../src/logger.ts';

// The error handler every service mounts last, over a real socket: whatever a middleware
// throws (body-parser, a rate limiter, a bug), the client gets JSON with a code.

function errorWith(props: Record<string, unknown>): Error {
  return Object.assign(new Error(String(props['message'] ?? 'failure')), props);
}

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  // As rate-limiter middleware raises it (http-errors style): status, expose, headers.
  app.get('/limited', (_req, _res, next) =>
    next(errorWith({ status: 429, expose: true, message: 'too many requests: slow down', headers: { 'Retry-After': '7' } })),
  );
  app.get('/coded', (_req, _res, next) =>
    next(errorWith({ status: 429, expose: true, message: 'firm over its budget', extensions: { code: 'FIRM_RATE_LIMITED' } })),
  );
  app.get('/bug', () => {
    throw new Error('ECONNREFUSED 10.0.0.7:5432 at /srv/app/db.ts:12');
  });
  app.get('/hidden', (_req, _res, next) => next(errorWith({ status: 403, expose: false, message: 'internal reason' })));
  app.get('/weird', (_req, _res, next) => next('a string, not an error'));
  app.use(jsonNotFound(), jsonErrorHandler({ logger: silentLogger }));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string) {
  const res = await fetch(`${origin}${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> } };
}

describe('JSON HTTP errors', () => {
  it('turns a 429 into RATE_LIMITED with its Retry-After header', async () => {
    const answer = await get('/limited');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toEqual({ errors: [{ message: 'too many requests: slow down', extensions: { code: 'RATE_LIMITED' } }] });
  });

  it("keeps an error's own code", async () => {
    expect((await get('/coded')).body.errors[0]!.extensions.code).toBe('FIRM_RATE_LIMITED');
  });

  it('masks unexpected errors as a 500 without message, stack or path', async () => {
    const answer = await get('/bug');
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect((await get('/weird')).status).toBe(500);
  });

  it('says only the status text for errors not meant for clients, and 404s unknown routes', async () => {
    expect((await get('/hidden')).body).toEqual({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
    const missing = await get('/missing');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]!.extensions.code).toBe('NOT_FOUND');
  });
});
