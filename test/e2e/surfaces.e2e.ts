import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestCluster, type TestCluster } from '../src/index.ts';

// The HTTP surfaces of a running cluster, probed as an attacker would with raw requests
// (issue 13): broken bodies get JSON errors with a code and no stack trace or server path,
// /debug needs the cluster's admin and changes state only by POST, security headers on every
// answer, a CSP for the console, no X-Powered-By.

const STACK_OR_PATH = /\n\s+at |\bat [\w$.<>]+ \(|node_modules|file:\/\/|\/work\/|\/home\/|\/tmp\//;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown } | null;
}

async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // asserted by the callers
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** A JSON error answer with this status and code, and nothing about the server in it. */
function expectJsonError(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body?.errors?.[0]?.extensions?.['code'], answer.text).toBe(code);
  expect(answer.text).not.toMatch(STACK_OR_PATH);
  expect(answer.text).not.toMatch(/<html|<!DOCTYPE/i);
}

function expectSecurityHeaders(answer: Answer): void {
  expect(answer.headers.get('x-powered-by')).toBeNull();
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('x-frame-options')).toBe('DENY');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

const json = (body: string, extra: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body,
});

describe('HTTP surfaces: errors, headers, operator routes (issue 13)', () => {
  let cluster: TestCluster;
  let services: Array<{ name: string; graphql: string; origin: string }>;

  beforeAll(async () => {
    // As deployed: errors masked (the test cluster exposes the gateway's by default).
    cluster = await startTestCluster({ gatewayEnv: { EXPOSE_ERRORS: 'false' } });
    services = [
      { name: 'gateway', graphql: cluster.gatewayUrl, origin: cluster.gatewayOrigin },
      { name: 'member', graphql: cluster.memberUrl('cast'), origin: new URL(cluster.memberUrl('cast')).origin },
      { name: 'cluster subgraph', graphql: cluster.clusterUrl, origin: new URL(cluster.clusterUrl).origin },
    ];
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('answers malformed JSON with 400 BAD_REQUEST as JSON, on the gateway and on the subgraphs', async () => {
    for (const service of services) {
      const answer = await request(service.graphql, json('{"query": "{ cluster { name } }"'));
      expectJsonError(answer, 400, 'BAD_REQUEST');
      expect(answer.body!.errors![0]!.message).toMatch(/malformed JSON/);
      expectSecurityHeaders(answer);
    }
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE as JSON', async () => {
    const oversize = JSON.stringify({ query: `{ cluster { name } } # ${'x'.repeat(11 * 1024 * 1024)}` });
    for (const service of services) expectJsonError(await request(service.graphql, json(oversize)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const service of services) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const answer = await request(service.graphql, { method: 'POST', headers: { 'content-type': type }, body: 'query={cluster{name}}' });
        expectJsonError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expectJsonError(
        await request(service.graphql, { method: 'POST', body: '{"query":"{ cluster { name } }"}', headers: { 'content-type': '' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
  });

  it('answers unknown routes with 404 NOT_FOUND as JSON, with security headers and no X-Powered-By', async () => {
    for (const service of services) {
      for (const path of ['/nope', '/graphql/../../etc/passwd', '/.env', '/admin']) {
        const answer = await request(`${service.origin}${path}`);
        expectJsonError(answer, 404, 'NOT_FOUND');
        expectSecurityHeaders(answer);
        expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
      expectJsonError(await request(`${service.origin}/nope`, json('{}')), 404, 'NOT_FOUND');
    }
  });

  it('gives a persisted query with a wrong hash a client error, and runs one with the right hash', async () => {
    const query = '{ cluster { name } }';
    const wrong = await request(
      cluster.gatewayUrl,
      json(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } })),
    );
    expectJsonError(wrong, 400, 'PERSISTED_QUERY_HASH_MISMATCH');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const right = await request(cluster.gatewayUrl, json(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })));
    expect(right.body).toEqual({ data: { cluster: { name: 'Test EV Parts Cluster' } } });
  });

  it('answers an unknown operationName and a subscription over HTTP with 400, not 500', async () => {
    expectJsonError(
      await request(cluster.gatewayUrl, json(JSON.stringify({ query: 'query A { cluster { name } }', operationName: 'B' }))),
      400,
      'OPERATION_RESOLUTION_FAILURE',
    );
    const subscription = await request(cluster.gatewayUrl, json(JSON.stringify({ query: 'subscription { lineStatusChanged { seq } }' })));
    expectJsonError(subscription, 400, 'BAD_REQUEST');
    expect(subscription.body!.errors![0]!.message).toMatch(/WebSocket/);
  });

  it('masks nothing a client needs and shows nothing about the server in GraphQL errors', async () => {
    const invalid = await request(cluster.gatewayUrl, json(JSON.stringify({ query: '{ cluster { nope } }' })));
    expectJsonError(invalid, 400, 'GRAPHQL_VALIDATION_FAILED');
    const badVariable = await request(
      cluster.gatewayUrl,
      json(JSON.stringify({ query: 'query($id: ID!) { member(id: $id) { id } }', variables: { id: { $gt: '' } } })),
    );
    expectJsonError(badVariable, 400, 'BAD_USER_INPUT');
  });

  it('codes subscription errors over graphql-ws and sends no stack trace', async () => {
    const socket = new WebSocket(cluster.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const frames: Array<{ type: string; id?: string; payload?: any }> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const until = async (type: string) => {
      for (let i = 0; i < 100 && !frames.some((f) => f.type === type); i++) await new Promise((r) => setTimeout(r, 50));
      return frames.find((f) => f.type === type);
    };
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(await until('connection_ack')).toBeTruthy();
    socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 'subscription { lineStatusChanged { nope } }' } }));
    socket.send(
      JSON.stringify({
        type: 'subscribe',
        id: '2',
        payload: { query: 'subscription($s: [LineState!]) { lineStatusChanged(states: $s) { seq } }', variables: { s: ['EXPLODED'] } },
      }),
    );
    socket.send(JSON.stringify({ type: 'subscribe', id: '3', payload: { query: 'subscription { lineStatusChanged { seq ' } }));
    for (let i = 0; i < 100 && frames.filter((f) => f.type === 'error').length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    socket.close();
    const codes = Object.fromEntries(frames.filter((f) => f.type === 'error').map((f) => [f.id, f.payload[0].extensions.code]));
    expect(codes).toEqual({ '1': 'GRAPHQL_VALIDATION_FAILED', '2': 'BAD_USER_INPUT', '3': 'GRAPHQL_PARSE_FAILED' });
    expect(JSON.stringify(frames)).not.toMatch(STACK_OR_PATH);
  });

  it('serves /debug/subscriptions to the cluster leader’s admin only, and resets only by POST', async () => {
    const debug = `${cluster.gatewayOrigin}/debug/subscriptions`;
    const bearer = async (login: string) => ({ authorization: `Bearer ${await cluster.token(login)}` });
    expectJsonError(await request(debug), 401, 'UNAUTHENTICATED');
    expectJsonError(await request(debug, { headers: { authorization: 'Bearer not-a-token' } }), 401, 'UNAUTHENTICATED');
    // A planner of the leader and an admin of a partner are not the cluster's admin.
    expectJsonError(await request(debug, { headers: await bearer('planner@lead') }), 403, 'FORBIDDEN');
    expectJsonError(await request(debug, { headers: await bearer('admin@cast') }), 403, 'FORBIDDEN');
    expectJsonError(await request(`${debug}?reset=timing`, { method: 'POST', headers: await bearer('admin@cast') }), 403, 'FORBIDDEN');
    expectJsonError(await request(`${debug}?reset=timing`, { method: 'POST' }), 401, 'UNAUTHENTICATED');

    const admin = await bearer('admin@lead');
    const stats = await request(debug, { headers: admin });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ connections: expect.any(Number), subscribers: expect.any(Number), timing: expect.any(Object) });
    expectSecurityHeaders(stats);
    // A GET never changes state, even the admin's.
    const getReset = await request(`${debug}?reset=timing`, { headers: admin });
    expectJsonError(getReset, 405, 'METHOD_NOT_ALLOWED');
    expect(getReset.headers.get('allow')).toBe('POST');
    expect((await request(`${debug}?reset=timing`, { method: 'POST', headers: admin })).status).toBe(200);
    expectJsonError(await request(`${debug}?reset=everything`, { method: 'POST', headers: admin }), 400, 'BAD_REQUEST');
  });

  it('sends the console with a Content-Security-Policy that allows only its own scripts and the API', async () => {
    const page = await request(`${cluster.gatewayOrigin}/console/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expectSecurityHeaders(page);
    const csp = Object.fromEntries(
      page.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    expect(csp['connect-src']).toEqual(["'self'", `ws://${new URL(cluster.gatewayOrigin).host}`]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    // The built console loads every script from its own origin: nothing inline for the CSP to block.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('still serves the sandbox on GET /graphql, whose own CSP is not overridden', async () => {
    const page = await request(cluster.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('embeddable-sandbox');
    expect(page.text).toMatch(/<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-/);
    const header = page.headers.get('content-security-policy')!;
    expect(header).toContain("frame-ancestors 'none'");
    expect(header).not.toMatch(/default-src|script-src/);
    expect(page.headers.get('x-powered-by')).toBeNull();
  });
});
