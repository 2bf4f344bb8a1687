/**
 * Observability overhead (issue 17). Two small clusters run side by side (gateway, cluster
 * subgraph, two members each): one with tracing off, one exporting every trace (sampler 1,
 * OTLP/HTTP to a local receiver). The same query goes through both gateways in turn (A, B, A,
 * B…), so load from the rest of the machine hits both alike; prints median and p90 of each
 * and the difference. Metrics are always on; their cost per request is measured apart, in
 * process: the counter and histogram updates one gateway request with two members makes.
 * Goal: tracing adds under 1 ms at the median; metrics under 20 µs a request.
 * Run: `pnpm bench:observability` (BENCH_DRIVER=pglite to force PGlite).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCluster, type RunningCluster } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { OperationLabels, metrics } from '@clustergraph/runtime';
import { demoToken, gql, startOtlpReceiver, testMember } from '../src/index.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 200);
const WARMUP = 20;
const driver = process.env['BENCH_DRIVER'] === 'pglite' ? 'pglite' : undefined;
const databases: TestDatabase[] = [];
const roots: string[] = [];
const otel = await startOtlpReceiver();

async function start(name: string, env: Record<string, string>): Promise<RunningCluster> {
  const rootDir = mkdtempSync(join(tmpdir(), `cg-bench-obs-${name}-`));
  roots.push(rootDir);
  return launchCluster({
    rootDir,
    cluster: { id: `bench-${name}`, name: 'Bench cluster', region: 'Busan', industry: 'EV parts', leaderId: 'lead' },
    members: [
      testMember('lead', 'Lead Assembly', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }, { env }),
      testMember('cast', 'Cast Partner', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }, { env }),
    ],
    demoAuth: true,
    logLevel: 'warn',
    gatewayEnv: env,
    clusterEnv: env,
    databaseUrl: async (service) => {
      const db = await createTestDatabase(`bench_obs_${name}_${service}`, driver);
      databases.push(db);
      return db.url;
    },
  });
}

const pct = (s: number[], p: number) => [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const load = () => readFileSync('/proc/loadavg', 'utf8').trim();

const clusters: RunningCluster[] = [];
try {
  const plain = await start('plain', {});
  clusters.push(plain);
  const traced = await start('traced', {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otel.url,
    OTEL_TRACES_SAMPLER_ARG: '1',
    OTEL_BSP_SCHEDULE_DELAY: '1000',
  });
  clusters.push(traced);
  // The leader's own members list with each firm's lines: the cluster subgraph plus an entity fetch per member.
  const query = `query BenchOverview { members { id name lines { id name } } }`;
  const targets = await Promise.all(
    [plain, traced].map(async (cluster) => ({ url: cluster.gatewayUrl, token: await demoToken(cluster.gatewayOrigin, 'planner@lead') })),
  );
  const failures: string[] = [];
  /** One request's time; a failed one (a member fetch refused under load) is counted and printed, not timed. */
  const once = async (target: { url: string; token: string }) => {
    const t0 = performance.now();
    const r = await gql(target.url, query, {}, { token: target.token, purpose: 'JOINT_PLANNING' });
    const ms = performance.now() - t0;
    if (!r.data || r.errors) {
      failures.push(JSON.stringify(r.errors).slice(0, 200));
      return null;
    }
    return ms;
  };
  for (let i = 0; i < WARMUP; i++) for (const target of targets) await once(target);
  const samples: [number[], number[]] = [[], []];
  const loadBefore = load();
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always meets a warmer cache.
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const ms = await once(targets[k]!);
      if (ms !== null) samples[k as 0 | 1].push(ms);
    }
  }
  const [off, on] = samples;
  console.log(
    `driver: ${databases[0]?.driver ?? 'pglite'}; ${RUNS} interleaved runs each after ${WARMUP} warm-ups; load before ${loadBefore}, after ${load()}`,
  );
  if (failures.length > 0) console.log(`${failures.length} requests failed and were not timed, e.g. ${failures[0]}`);
  console.log(`tracing off:          median ${pct(off, 50).toFixed(2)} ms, p90 ${pct(off, 90).toFixed(2)} ms`);
  console.log(`tracing on (sampled): median ${pct(on, 50).toFixed(2)} ms, p90 ${pct(on, 90).toFixed(2)} ms`);
  console.log(
    `tracing adds: ${(pct(on, 50) - pct(off, 50)).toFixed(2)} ms at the median, ${(pct(on, 90) - pct(off, 90)).toFixed(2)} ms at p90 (goal: < 1 ms at the median)`,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  console.log(`spans received from the traced cluster: ${otel.spans.length} (${(otel.spans.length / (RUNS + WARMUP)).toFixed(1)} a request)`);

  // Metrics: what one gateway request with two members records (operation, two member fetches, the cluster fetch).
  const labels = new OperationLabels(100, ['BenchOverview']);
  const N = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const operation = labels.label('BenchOverview', true);
    metrics.graphqlRequests.inc({ operation, type: 'query', outcome: 'ok' });
    metrics.graphqlDuration.observe({ operation, type: 'query' }, 0.004);
    for (const member of ['lead', 'cast']) {
      metrics.memberRequests.inc({ member, outcome: 'ok' });
      metrics.memberDuration.observe({ member }, 0.002);
      metrics.subgraphRequests.inc({ subgraph: 'member', outcome: 'ok' });
      metrics.subgraphDuration.observe({ subgraph: 'member' }, 0.002);
    }
    metrics.subgraphRequests.inc({ subgraph: 'cluster', outcome: 'ok' });
    metrics.subgraphDuration.observe({ subgraph: 'cluster' }, 0.002);
  }
  const perRequestUs = ((performance.now() - t0) * 1000) / N;
  console.log(`metrics per gateway request (2 members + cluster): ${perRequestUs.toFixed(2)} µs (goal: < 20 µs)`);
} catch (error) {
  // The service logs go with the folders below: show what a service that failed said.
  for (const root of roots) {
    for (const file of existsSync(join(root, 'logs')) ? readdirSync(join(root, 'logs')) : []) {
      const lines = readFileSync(join(root, 'logs', file), 'utf8')
        .trim()
        .split('\n');
      console.error(`--- ${file} (last lines)\n${lines.slice(-8).join('\n')}`);
    }
  }
  throw error;
} finally {
  for (const cluster of clusters) await cluster.stop();
  await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  await otel.close();
}
