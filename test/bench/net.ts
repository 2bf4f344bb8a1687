/**
 * `pnpm bench:net` (root): the overview query over wide-area links. The six demo-shaped
 * members each on its own host (network namespace), the cluster subgraph and two gateway
 * replicas on the leader's site, HAProxy in front (test/net/support/netCluster.ts). The
 * overview query, one request at a time, in three phases on the same cluster:
 *   1. LAN: every link at 0 ms (what the services themselves take);
 *   2. WAN: each firm's link at its region's round trip (10–40 ms, jitter), no loss;
 *   3. WAN as configured: the same, and 2 % loss on one firm's link (200 ms resends).
 * Printed per phase: p50/p95/mean, and beside them the goal "≤ 2 round trips of the slowest
 * link plus the slowest member's own time", from the configured delays and the members' own
 * time per overview (their /metrics: time spent answering, divided by the requests); per
 * member its link, own time, the gateway's fetch time and fetches per request, and the
 * connections its link opened (connection reuse: none once warm).
 * BENCH_RUNS (default 100) requests per phase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@clustergraph/launcher';
import { demoToken, gql, mondayFromNow } from '../src/index.ts';
import type { LinkProfile } from '../src/delayingProxy.ts';
import { benchMembers } from './support/demoCluster.ts';
import { loadAverage } from './support/load.ts';
import { startNetCluster } from '../net/support/netCluster.ts';
import { histogramTotals } from '../net/support/metrics.ts';
import { describeLink, LOSSY_FIRM, wanLink, worstRoundTripMs } from '../net/support/wan.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 100);
const WARMUP = 10;
const OVERVIEW = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;

if (process.getuid?.() !== 0) {
  console.error('bench:net needs root (network namespaces)');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'cg-bench-net-'));
const members = benchMembers().map((m) => ({ ...m, link: wanLink(m.region, m.id === LOSSY_FIRM) }));
const configured = new Map(members.map((m) => [m.id, m.link]));
const cluster = await startNetCluster({
  prefix: 'cgbench',
  octet: 232,
  dir,
  cluster: { id: 'bench', name: 'Bench cluster', region: 'Busan', industry: 'EV parts', leaderId: 'hanbit-ev' },
  members,
  balancerPort: await freePort(),
  logLevel: 'warn',
  startTimeoutMs: 300_000,
});

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const f1 = (n: number) => n.toFixed(1);

interface Phase {
  label: string;
  links: (id: string) => LinkProfile;
}

async function memberOwnSeconds(): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const [id, [member]] of cluster.members) {
    result.set(id, (await histogramTotals(member!.origin, cluster.metricsToken, 'clustergraph_graphql_request_duration_seconds')).sum);
  }
  result.set('cluster', (await histogramTotals(cluster.clusterSubgraph.origin, cluster.metricsToken, 'clustergraph_graphql_request_duration_seconds')).sum);
  return result;
}

/** Per member: the gateways' fetch time and count (both replicas). */
async function gatewayFetches(): Promise<Map<string, { sum: number; count: number }>> {
  const result = new Map<string, { sum: number; count: number }>();
  for (const id of cluster.members.keys()) {
    let sum = 0;
    let count = 0;
    for (const gateway of cluster.gateways.values()) {
      const t = await histogramTotals(gateway.origin, cluster.metricsToken, 'clustergraph_member_request_duration_seconds', `member="${id}"`);
      sum += t.sum;
      count += t.count;
    }
    result.set(id, { sum, count });
  }
  return result;
}

try {
  const token = await demoToken(cluster.gatewayOrigin, 'planner@hanbit-ev');
  const variables = { from: mondayFromNow(0), to: mondayFromNow(4) };
  const overview = async () => {
    const r = await gql(cluster.gatewayUrl, OVERVIEW, variables, { token, purpose: 'JOINT_PLANNING' });
    const down = (r.errors ?? []).filter((e) => e.extensions?.['code'] !== 'FORBIDDEN');
    if (!r.data || (r.data['members'] as unknown[]).length !== members.length || down.length > 0) {
      throw new Error(`unexpected answer: ${JSON.stringify(r).slice(0, 500)}`);
    }
  };
  const phases: Phase[] = [
    { label: 'LAN: every link at 0 ms', links: () => ({ delayMs: 0 }) },
    { label: 'WAN: round trips by region, no loss', links: (id) => ({ ...configured.get(id)!, loss: 0 }) },
    { label: `WAN as configured: ${LOSSY_FIRM}'s link loses 2 %`, links: (id) => configured.get(id)! },
  ];
  console.log(`bench:net — overview query through HAProxy, ${members.length} members each on its own host; ${RUNS} requests per phase, one at a time`);
  for (const m of members) console.log(`  ${m.id.padEnd(16)} ${m.region.padEnd(9)} ${describeLink(m.link)}`);
  let lanP50 = 0;
  for (const phase of phases) {
    for (const [id, link] of cluster.links) link.profile = phase.links(id);
    for (let i = 0; i < WARMUP; i++) await overview();
    const ownBefore = await memberOwnSeconds();
    const fetchesBefore = await gatewayFetches();
    const connectionsBefore = new Map([...cluster.links].map(([id, l]) => [id, l.connections]));
    const samples: number[] = [];
    const load = loadAverage();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await overview();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const ownAfter = await memberOwnSeconds();
    const fetchesAfter = await gatewayFetches();
    const ownMs = (id: string) => ((ownAfter.get(id)! - ownBefore.get(id)!) * 1000) / RUNS;
    const memberIds = [...cluster.members.keys()];
    const slowestOwn = Math.max(...memberIds.map(ownMs));
    const worstRtt = Math.max(...memberIds.map((id) => worstRoundTripMs(cluster.links.get(id)!.profile)));
    const goalMs = 2 * worstRtt + slowestOwn;
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    console.log(`\n${phase.label} (load average ${load})`);
    console.log(
      `  p50 ${f1(pct(samples, 50))} ms, p95 ${f1(pct(samples, 95))} ms, mean ${f1(mean)} ms, max ${f1(samples.at(-1)!)} ms` +
        `   goal ≤ 2 × ${f1(worstRtt)} ms + ${f1(slowestOwn)} ms = ${f1(goalMs)} ms: p50 ${pct(samples, 50) <= goalMs ? 'met' : 'not met'}, p95 ${pct(samples, 95) <= goalMs ? 'met' : 'not met'}`,
    );
    console.log(`  cluster subgraph own time ${f1(ownMs('cluster'))} ms per request`);
    for (const id of memberIds) {
      const before = fetchesBefore.get(id)!;
      const after = fetchesAfter.get(id)!;
      const fetches = after.count - before.count;
      const fetchMs = fetches > 0 ? ((after.sum - before.sum) * 1000) / fetches : 0;
      console.log(
        `  ${id.padEnd(16)} own ${f1(ownMs(id)).padStart(5)} ms; gateway's fetch ${f1(fetchMs).padStart(6)} ms × ${(fetches / RUNS).toFixed(2)} per request; new connections on its link ${cluster.links.get(id)!.connections - connectionsBefore.get(id)!}`,
      );
    }
    if (phase === phases[0]) lanP50 = pct(samples, 50);
    else {
      const extra = pct(samples, 50) - lanP50;
      console.log(`  the WAN adds ${f1(extra)} ms at p50 to the LAN's ${f1(lanP50)} ms: ${(extra / worstRtt).toFixed(2)} round trips of the slowest link`);
    }
  }
} finally {
  await cluster.stop();
  if (!process.env['BENCH_KEEP']) rmSync(dir, { recursive: true, force: true });
  else console.log(`logs kept in ${dir}/logs`);
}
