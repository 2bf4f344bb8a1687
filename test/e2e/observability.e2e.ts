import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_ADMIN_URL } from '@clustergraph/runtime/testing';
import {
  expectNoErrors,
  gql,
  mondayFromNow,
  startOtlpReceiver,
  startTestCluster,
  testMemberSpecs,
  waitFor,
  type OtlpReceiver,
  type ReceivedSpan,
  type TestCluster,
} from '../src/index.ts';

const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef';
/** Distinct client operation names the gateway labels before the rest counts as `other`. */
const MAX_OPERATIONS = 4;

const OVERVIEW = /* GraphQL */ `
  query ObservedOverview($from: Date!, $to: Date!) {
    members {
      id
      name
      lines {
        id
        status {
          state
        }
      }
      capacity(from: $from, to: $to) {
        process
        availableHours
      }
    }
  }
`;

/** Sum of the samples of `name` whose labels include `labels` (0 when there is none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, line.lastIndexOf('}')) : '';
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** Label values of `label` over the samples of `name`. */
function labelValues(text: string, name: string, label: string): Set<string> {
  const values = new Set<string>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{[^}]*${label}="([^"]*)"`, 'gm'))) values.add(match[1]!);
  return values;
}

describe('observability: /metrics, /ready, traces across services (issue 17)', () => {
  let cluster: TestCluster;
  let otel: OtlpReceiver;
  const range = { from: mondayFromNow(0), to: mondayFromNow(2) };
  const origins = () => ({
    gateway: cluster.gatewayOrigin,
    cluster: new URL(cluster.clusterUrl).origin,
    lead: new URL(cluster.memberUrl('lead')).origin,
    cast: new URL(cluster.memberUrl('cast')).origin,
    heat: new URL(cluster.memberUrl('heat')).origin,
  });
  const scrape = async (origin: string) => {
    const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const asLeader = async () => ({ token: await cluster.token('planner@lead'), purpose: 'JOINT_PLANNING' });
  const traceOf = (operation: string) =>
    waitFor(`the gateway's span of ${operation}`, async () =>
      otel.spans.find((s) => s.service === 'clustergraph-gateway' && s.parentSpanId === null && s.attributes['graphql.operation.name'] === operation),
    );

  beforeAll(async () => {
    otel = await startOtlpReceiver();
    const env = {
      METRICS_TOKEN,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otel.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    cluster = await startTestCluster({
      // The DB-down test cuts a member's PostgreSQL database.
      driver: 'postgres',
      members: testMemberSpecs().map((member) => ({ ...member, env: { ...member.env, ...env } })),
      gatewayEnv: { ...env, METRICS_MAX_OPERATIONS: String(MAX_OPERATIONS) },
      clusterEnv: env,
    });
  });
  afterAll(async () => {
    await cluster?.dispose();
    await otel?.close();
  });

  it('keeps /health as it was and answers /ready on every service', async () => {
    for (const [service, origin] of Object.entries(origins())) {
      const health = (await (await fetch(`${origin}/health`)).json()) as Record<string, unknown>;
      expect(health['status'], service).toBe('ok');
      expect(typeof health['pid'], service).toBe('number');
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status, service).toBe(200);
      const body = (await ready.json()) as { status: string; checks: Record<string, boolean> };
      expect(body.status).toBe('ready');
      expect(Object.values(body.checks).every(Boolean)).toBe(true);
      expect(Object.keys(body.checks)).toEqual(service === 'gateway' ? ['routing'] : ['database']);
    }
  });

  it('serves /metrics only with the metrics token', async () => {
    for (const origin of Object.values(origins())) {
      expect((await fetch(`${origin}/metrics`)).status).toBe(401);
      expect((await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${origin}/metrics`, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);
      const text = await scrape(origin);
      expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(sample(text, 'clustergraph_ready')).toBe(1);
    }
  });

  it('moves the counters of every service a request reached, and traces it as one trace across them', async () => {
    const o = origins();
    const before = { gateway: await scrape(o.gateway), cluster: await scrape(o.cluster), cast: await scrape(o.cast) };
    // A client's traceparent is not continued: the gateway starts its own trace.
    const planted = '0af7651916cd43dd8448eb211c80319c';
    const data = expectNoErrors(
      await gql(cluster.gatewayUrl, OVERVIEW, range, { ...(await asLeader()), headers: { traceparent: `00-${planted}-b7ad6b7169203331-01` } }),
    );
    expect((data['members'] as unknown[]).length).toBe(3);
    const after = { gateway: await scrape(o.gateway), cluster: await scrape(o.cluster), cast: await scrape(o.cast) };

    const op = { operation: 'ObservedOverview', type: 'query', outcome: 'ok' };
    expect(sample(after.gateway, 'clustergraph_graphql_requests_total', op) - sample(before.gateway, 'clustergraph_graphql_requests_total', op)).toBe(1);
    expect(sample(after.gateway, 'clustergraph_graphql_request_duration_seconds_count', { operation: 'ObservedOverview' })).toBeGreaterThan(
      sample(before.gateway, 'clustergraph_graphql_request_duration_seconds_count', { operation: 'ObservedOverview' }),
    );
    for (const member of ['lead', 'cast', 'heat']) {
      const labels = { member, outcome: 'ok' };
      expect(sample(after.gateway, 'clustergraph_member_requests_total', labels), member).toBeGreaterThan(
        sample(before.gateway, 'clustergraph_member_requests_total', labels),
      );
      expect(sample(after.gateway, 'clustergraph_member_up', { member })).toBe(1);
    }
    expect(sample(after.gateway, 'clustergraph_subgraph_requests_total', { subgraph: 'cluster', outcome: 'ok' })).toBeGreaterThan(
      sample(before.gateway, 'clustergraph_subgraph_requests_total', { subgraph: 'cluster', outcome: 'ok' }),
    );
    expect(sample(after.gateway, 'clustergraph_routing_members', { status: 'ACTIVE' })).toBe(3);
    expect(sample(after.cluster, 'clustergraph_graphql_requests_total')).toBeGreaterThan(sample(before.cluster, 'clustergraph_graphql_requests_total'));
    expect(sample(after.cast, 'clustergraph_graphql_requests_total', { outcome: 'ok' })).toBeGreaterThan(
      sample(before.cast, 'clustergraph_graphql_requests_total', { outcome: 'ok' }),
    );
    // The leader read the partner's capacity and line status: recorded in the partner's usage ledger.
    expect(sample(after.cast, 'clustergraph_ledger_records_total', { decision: 'allowed' })).toBeGreaterThan(
      sample(before.cast, 'clustergraph_ledger_records_total', { decision: 'allowed' }),
    );

    const root = await traceOf('ObservedOverview');
    expect(root.traceId).not.toBe(planted);
    const inTrace = () => otel.spans.filter((s) => s.traceId === root.traceId);
    // Every service the request reached: gateway, cluster subgraph, the three members.
    const spans = await waitFor('spans of every service', async () => {
      const found = inTrace();
      const members = new Set(found.filter((s) => s.service === 'clustergraph-member').map((s) => s.resource['memberId']));
      return found.some((s) => s.service === 'clustergraph-cluster') && members.size === 3 ? found : null;
    });
    expect(otel.spans.some((s) => s.traceId === planted)).toBe(false);
    expect(spans.filter((s) => s.parentSpanId === null)).toEqual([root]);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const memberServerSpans = spans.filter((s) => s.service === 'clustergraph-member' && s.kind === 2 /* SERVER */);
    expect(memberServerSpans.length).toBeGreaterThanOrEqual(3);
    for (const span of memberServerSpans) {
      const memberId = span.resource['memberId'];
      expect(span.attributes['memberId']).toBe(memberId);
      // Its parent is the gateway's fetch to that very member.
      const parent: ReceivedSpan | undefined = byId.get(span.parentSpanId!);
      expect(parent?.service).toBe('clustergraph-gateway');
      expect(parent?.attributes['memberId']).toBe(memberId);
      expect(span.attributes['graphql.operation.name']).toMatch(/^ObservedOverview/);
    }
    const clusterServer = spans.find((s) => s.service === 'clustergraph-cluster' && s.kind === 2);
    expect(byId.get(clusterServer!.parentSpanId!)?.service).toBe('clustergraph-gateway');
  });

  it('keeps client operation names from growing the label set', async () => {
    const leader = await asLeader();
    const names = Array.from({ length: 12 }, (_, i) => `Probe${i}`);
    // Anonymous visitors never get a label of their own.
    for (const name of names) await gql(cluster.gatewayUrl, `query Anon${name} { __typename }`, {}, { purpose: 'MONITORING' });
    for (const name of names) expectNoErrors(await gql(cluster.gatewayUrl, `query ${name} { __typename }`, {}, leader));
    const text = await scrape(cluster.gatewayOrigin);
    const labels = labelValues(text, 'clustergraph_graphql_requests_total', 'operation');
    expect([...labels].filter((l) => l.startsWith('AnonProbe'))).toEqual([]);
    const admitted = [...labels].filter((l) => /^Probe\d+$/.test(l));
    // ObservedOverview (not one of the SDK's persisted operations) took one of the slots.
    expect(admitted.length).toBe(MAX_OPERATIONS - 1);
    expect(sample(text, 'clustergraph_graphql_requests_total', { operation: 'other' })).toBeGreaterThanOrEqual(12 + 12 - admitted.length);
  });

  it('answers /ready 503 while a member cannot reach its database, and ready again after', async () => {
    const url = cluster.databaseUrlOf('cast');
    expect(url).toBeDefined();
    const database = new URL(url!).pathname.slice(1);
    const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database "${database}" allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database}`;
      const down = await waitFor('cast not ready', async () => {
        const res = await fetch(`${origins().cast}/ready`);
        return res.status === 503 ? ((await res.json()) as { status: string; checks: Record<string, boolean> }) : null;
      });
      expect(down).toEqual({ status: 'not ready', checks: { database: false } });
      // Alive all the same: the supervisor must not restart it for a database outage.
      expect((await fetch(`${origins().cast}/health`)).status).toBe(200);
      expect((await fetch(`${origins().lead}/ready`)).status).toBe(200);
    } finally {
      await admin.unsafe(`alter database "${database}" allow_connections true`);
      await admin.end();
    }
    await waitFor('cast ready again', async () => (await fetch(`${origins().cast}/ready`)).status === 200, 30_000);
  });

  it('counts a member that is down, and the gateway log line carries the trace id', async () => {
    await cluster.members.get('heat')!.stop();
    const leader = await asLeader();
    const result = await gql(cluster.gatewayUrl, OVERVIEW.replace('ObservedOverview', 'OverviewWithoutHeat'), range, leader);
    expect(result.errors?.some((e) => e.extensions?.['code'] === 'MEMBER_UNAVAILABLE' && e.extensions?.['memberId'] === 'heat')).toBe(true);
    const text = await scrape(cluster.gatewayOrigin);
    expect(sample(text, 'clustergraph_member_requests_total', { member: 'heat', outcome: 'unreachable' })).toBeGreaterThan(0);

    const root = await traceOf('OverviewWithoutHeat');
    const logged = await waitFor('the gateway log line of the failed fetch', async () =>
      readFileSync(join(cluster.rootDir, 'logs', 'gateway.log'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry['msg'] === 'member unavailable' && entry['memberId'] === 'heat' && entry['traceId'] === root.traceId),
    );
    expect(logged['spanId']).toMatch(/^[0-9a-f]{16}$/);
  });
});
