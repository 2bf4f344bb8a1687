/**
 * Member host benchmark (issue 18): BENCH_FIRMS (default 200) firms hosted in ONE process on
 * PostgreSQL, each seeded like a test member (one line, a 12-week calendar, six weeks of
 * production). Prints, beside the goals:
 *   - RSS of the host with every firm open, and its peak (goal ≤ 1.5 GB);
 *   - the cost of an idle firm: (RSS with N idle firms − RSS with none) / N, after GC (goal ≤ 5 MB),
 *     and of an open one, the same way;
 *   - the overview query (the README's, with lines, their status and four weeks of capacity)
 *     across BENCH_OVERVIEW_FIRMS (default 50) hosted firms through the gateway: the first
 *     answer (firms closed, opened by it) and BENCH_RUNS (default 20) answers after it (goal ≤ 1 s).
 * The gateway and the cluster subgraph run as in the demo. Run: `pnpm bench:hosted`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchCluster, type MemberSpec } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { demoToken, gql, mondayFromNow, partnerDemoPolicies, testMember, waitFor, withPolicies } from '../src/index.ts';
import { loadAverage } from './support/load.ts';

const FIRMS = Number(process.env['BENCH_FIRMS'] ?? 200);
const OVERVIEW_FIRMS = Math.min(FIRMS, Number(process.env['BENCH_OVERVIEW_FIRMS'] ?? 50));
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const IDLE_SECONDS = 20;
const GOALS = { rssMb: 1536, idleFirmMb: 5, overviewMs: 1000 };
const MB = 1024 * 1024;

const from = mondayFromNow(0);
const to = mondayFromNow(4);
const query = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;

const firmId = (i: number) => `h${String(i + 1).padStart(3, '0')}`;
/** h001 leads; the others share line status and weekly production with the leader (as the demo's partners do). */
function hostedFirm(i: number): MemberSpec {
  const id = firmId(i);
  const capacity = { CASTING: { actual: 100 + (i % 50), maximum: 150 + (i % 50), price: 50_000 } };
  const spec =
    i === 0
      ? testMember(id, `Firm ${id}`, ['LEADER'], 'Busan', capacity)
      : withPolicies(testMember(id, `Firm ${id}`, ['PARTNER'], 'Busan', capacity), partnerDemoPolicies());
  return { ...spec, hosted: true };
}

/** Peak resident set of a process (VmHWM), bytes. */
function peakRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

const rootDir = mkdtempSync(join(tmpdir(), 'cg-bench-hosted-'));
const databases: TestDatabase[] = [];
const hostPort = await freePort();
const hostUrl = `http://127.0.0.1:${hostPort}`;
const firms = Array.from({ length: FIRMS }, (_, i) => hostedFirm(i));
// The overview's firms are registered from the start, at their hosted endpoints (routed once provisioned); the rest only hosted.
const registered = firms.slice(0, OVERVIEW_FIRMS).map((f) => ({ ...f, hosted: false, endpoint: `${hostUrl}/firms/${f.id}/graphql` }));

const cluster = await launchCluster({
  rootDir,
  cluster: { id: 'hosted', name: 'Hosted cluster', region: 'Busan', industry: 'EV parts', leaderId: firmId(0) },
  members: registered,
  memberHost: { port: hostPort, env: { HOST_IDLE_SECONDS: String(IDLE_SECONDS), HOST_MAX_OPEN_FIRMS: String(FIRMS + 10), LOG_LEVEL: 'warn' } },
  demoAuth: true,
  logLevel: 'warn',
  startTimeoutMs: 300_000,
  gatewayEnv: {
    RATE_LIMIT_USER_PER_SECOND: '0',
    RATE_LIMIT_FIRM_PER_SECOND: '0',
    RATE_LIMIT_ADDRESS_PER_SECOND: '0',
    MEMBER_TIMEOUT_MS: '30000',
    ROUTING_REFRESH_MS: '1000',
  },
  databaseUrl: async (service) => {
    const db = await createTestDatabase(`bench_hosted_${service}`);
    databases.push(db);
    return db.url;
  },
});

const admin = async (path: string) => {
  const res = await fetch(`${hostUrl}${path}`, { headers: { authorization: `Bearer ${await cluster.hostAdminToken()}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
};
const memory = async () => (await admin('/admin/memory')) as { rss: number; heapUsed: number; openFirms: number };
const allIdle = async () => ((await admin('/admin/firms')).firms as Array<{ state: string }>).every((f) => f.state === 'IDLE');

try {
  const hostPid = cluster.memberHost!.pid!;
  // Warm-up (code loaded and compiled once, as any running host has), then the baseline: no firm hosted.
  await cluster.provisionHosted({ ...hostedFirm(FIRMS), id: 'warmup', name: 'Warm-up' });
  const warmupDelete = await fetch(`${hostUrl}/admin/firms/warmup`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await cluster.hostAdminToken()}` },
  });
  if (!warmupDelete.ok) throw new Error(`warm-up firm not deleted: ${warmupDelete.status}`);
  const none = await memory();

  const provisionStarted = Date.now();
  for (const firm of firms) await cluster.provisionHosted(firm);
  const provisionMs = Date.now() - provisionStarted;
  const allOpen = await memory();

  await waitFor('every firm closed when idle', allIdle, (IDLE_SECONDS + 60) * 1000, 1000);
  const idle = await memory();

  const token = await demoToken(cluster.gatewayOrigin, `planner@${firmId(0)}`);
  const ask = async () => {
    const started = performance.now();
    const answer = await gql(cluster.gatewayUrl, query, { from, to }, { token, purpose: 'JOINT_PLANNING', operationName: 'Overview' });
    const ms = performance.now() - started;
    const members = (answer.data?.['members'] ?? []) as Array<{ capacity: unknown[] | null; lines: unknown[] | null }>;
    const complete = !answer.errors?.length && members.length === OVERVIEW_FIRMS && members.every((m) => m.capacity?.length && m.lines?.length);
    return { ms, complete, answer };
  };
  // Until the gateway routes every registered firm (its SDL check passes once the firm is provisioned).
  await waitFor('the gateway routes every hosted firm', async () => (await ask()).complete, 120_000, 1000);
  // The routing check opened the firms: close them again, so the first answer below opens them itself.
  await waitFor('every firm closed again', allIdle, (IDLE_SECONDS + 60) * 1000, 1000);
  const cold = await ask();
  if (!cold.complete) throw new Error(`incomplete first answer: ${JSON.stringify(cold.answer).slice(0, 500)}`);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await ask();
    if (!run.complete) throw new Error(`incomplete answer: ${JSON.stringify(run.answer).slice(0, 500)}`);
    warm.push(run.ms);
  }
  warm.sort((a, b) => a - b);
  const afterOverview = await memory();
  const peak = peakRss(hostPid);

  const idleCost = (idle.rss - none.rss) / FIRMS;
  const openCost = (allOpen.rss - none.rss) / FIRMS;
  const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');
  console.log(`\nbench:hosted — ${FIRMS} firms in one member host on PostgreSQL (load average ${loadAverage()})\n`);
  console.log(
    `  provisioning          ${FIRMS} firms in ${(provisionMs / 1000).toFixed(1)} s (${(provisionMs / FIRMS).toFixed(0)} ms each, seeded, one after the other)`,
  );
  console.log(`  RSS, no firm          ${mb(none.rss)}`);
  console.log(`  RSS, ${FIRMS} firms open   ${mb(allOpen.rss)}   goal ≤ ${GOALS.rssMb} MB: ${verdict(allOpen.rss <= GOALS.rssMb * MB)}`);
  console.log(`  RSS, ${FIRMS} firms idle   ${mb(idle.rss)}`);
  console.log(`  peak RSS (VmHWM)      ${mb(peak)}   goal ≤ ${GOALS.rssMb} MB: ${verdict(peak <= GOALS.rssMb * MB)}`);
  console.log(`  cost of an idle firm  ${mb(idleCost)}   goal ≤ ${GOALS.idleFirmMb} MB: ${verdict(idleCost <= GOALS.idleFirmMb * MB)}`);
  console.log(`  cost of an open firm  ${mb(openCost)}   (no goal; an open firm is closed after ${IDLE_SECONDS} s idle)`);
  console.log(`  RSS after overview    ${mb(afterOverview.rss)} (${afterOverview.openFirms} firms open)`);
  console.log(
    `  overview, ${OVERVIEW_FIRMS} hosted firms through the gateway: first (firms closed) ${cold.ms.toFixed(0)} ms; ` +
      `then p50 ${percentile(warm, 50).toFixed(0)} ms, p95 ${percentile(warm, 95).toFixed(0)} ms, max ${warm.at(-1)!.toFixed(0)} ms over ${RUNS}` +
      `   goal ≤ ${GOALS.overviewMs} ms: ${verdict(cold.ms <= GOALS.overviewMs && warm.at(-1)! <= GOALS.overviewMs)}`,
  );
} finally {
  await cluster.stop();
  await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  if (!process.env['BENCH_KEEP']) rmSync(rootDir, { recursive: true, force: true });
  else console.log(`kept ${rootDir}`);
}
