import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountObservabilityRoutes, runReadiness } from '../src/health.ts';
import { OperationLabels, memberLabel } from '../src/metrics.ts';
import { startTracing, traceLogFields, traceRequests, withClientSpan, type Tracing } from '../src/tracing.ts';

async function listen(app: Express): Promise<{ server: Server; origin: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('operation names as label values', () => {
  it('labels known names always, admits others only when allowed and up to the cap, the rest is other', () => {
    const labels = new OperationLabels(2, ['ClusterOverview']);
    expect(labels.label('ClusterOverview', false)).toBe('ClusterOverview');
    expect(labels.label(null, true)).toBe('anonymous');
    // An anonymous visitor's name is never admitted.
    expect(labels.label('Probe1', false)).toBe('other');
    expect(labels.label('Probe1', true)).toBe('Probe1');
    expect(labels.label('Probe1', false)).toBe('Probe1');
    // A name that could break a label or bloat it.
    expect(labels.label('a"}\nfake_metric 1', true)).toBe('other');
    expect(labels.label('x'.repeat(101), true)).toBe('other');
    expect(labels.label('Probe2', true)).toBe('Probe2');
    for (let i = 3; i < 1000; i++) expect(labels.label(`Probe${i}`, true)).toBe('other');
    expect(labels.size).toBe(2);
  });

  it('labels a member only when it is registered', () => {
    expect(memberLabel('cast', true)).toBe('cast');
    expect(memberLabel('cast', false)).toBe('unknown');
    expect(memberLabel('../../etc', true)).toBe('unknown');
  });
});

describe('/ready and /metrics', () => {
  let origin: string;
  let server: Server;
  let open: { server: Server; origin: string };
  let databaseUp = true;

  beforeAll(async () => {
    const app = express();
    mountObservabilityRoutes(app, { metricsToken: 'unit-metrics-token-0123456789', readiness: [{ name: 'database', check: () => databaseUp }] });
    ({ server, origin } = await listen(app));
    const off = express();
    mountObservabilityRoutes(off, { metricsToken: null, readiness: [] });
    open = await listen(off);
  });
  afterAll(() => {
    server.close();
    open.server.close();
  });

  it('answers 503 naming the failing check, 200 when it passes', async () => {
    databaseUp = false;
    const down = await fetch(`${origin}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { database: false } });
    databaseUp = true;
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });

  it('counts a check that hangs or throws as failed', async () => {
    const result = await runReadiness([
      { name: 'hangs', check: () => new Promise<boolean>(() => {}) },
      {
        name: 'throws',
        check: () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:5432');
        },
      },
      { name: 'fine', check: async () => true },
    ]);
    expect(result).toEqual({ ready: false, checks: { hangs: false, throws: false, fine: true } });
  });

  it('serves metrics only with the token, and not at all without one configured', async () => {
    expect((await fetch(`${origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${origin}/metrics`, { headers: { authorization: 'Bearer unit-metrics-token-012345678' } })).status).toBe(401);
    const res = await fetch(`${origin}/metrics`, { headers: { authorization: 'Bearer unit-metrics-token-0123456789' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^clustergraph_ready 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect((await fetch(`${open.origin}/metrics`)).status).toBe(404);
    expect((await fetch(`${open.origin}/metrics`, { headers: { authorization: 'Bearer anything-at-all-0123456789' } })).status).toBe(404);
  });
});

describe('traces across two services (in-memory exporter)', () => {
  let tracing: Tracing;
  let gateway: { server: Server; origin: string };
  let member: { server: Server; origin: string };

  beforeAll(async () => {
    tracing = startTracing('unit', { exporter: 'memory', endpoint: '', sampleRatio: 1, batchDelayMs: 10 })!;
    const memberApp = express();
    memberApp.use(express.json(), traceRequests({ trustParent: true, attributes: { memberId: 'b' } }));
    memberApp.post('/graphql', (_req, res) => res.json({ log: traceLogFields() }));
    member = await listen(memberApp);
    const gatewayApp = express();
    gatewayApp.use(express.json(), traceRequests({ trustParent: false }));
    gatewayApp.post('/graphql', async (_req, res) => {
      const answer = await withClientSpan('member b', { memberId: 'b' }, async (headers) => {
        const call = await fetch(`${member.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
        return call.json();
      });
      res.json({ gateway: traceLogFields(), member: answer });
    });
    gateway = await listen(gatewayApp);
  });
  afterAll(async () => {
    gateway.server.close();
    member.server.close();
    await tracing.shutdown();
  });

  it('puts the member under the gateway’s fetch in one trace, ignoring a client’s traceparent', async () => {
    const planted = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(`${gateway.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${planted}-b7ad6b7169203331-01` },
      body: '{}',
    });
    const body = (await res.json()) as { gateway: { traceId: string }; member: { log: { traceId: string } } };
    await new Promise((resolve) => setTimeout(resolve, 50));
    const spans = tracing.memory!.getFinishedSpans();
    const traceId = body.gateway.traceId;
    expect(traceId).not.toBe(planted);
    // The member's log fields carry the same trace.
    expect(body.member.log.traceId).toBe(traceId);
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    expect(inTrace.map((s) => s.name).sort()).toEqual(['POST /graphql', 'POST /graphql', 'member b']);
    const client = inTrace.find((s) => s.name === 'member b')!;
    const memberServer = inTrace.find((s) => s.attributes['memberId'] === 'b' && s.name === 'POST /graphql')!;
    const gatewayServer = inTrace.find((s) => s.name === 'POST /graphql' && s !== memberServer)!;
    expect(memberServer.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
    expect(client.parentSpanContext?.spanId).toBe(gatewayServer.spanContext().spanId);
    expect(gatewayServer.parentSpanContext).toBeUndefined();
    expect(spans.some((s) => s.spanContext().traceId === planted)).toBe(false);
  });
});
