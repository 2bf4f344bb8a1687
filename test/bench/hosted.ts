/**
 * Member host benchmark (issue 18): BENCH_FIRMS (default 200) firms hosted in ONE process on
 * PostgreSQL, each seeded like a test member (one line, a 12-week calendar, six weeks of
 * production). Prints, beside the goals:
 *   - RSS of the host with every firm open, and its peak (goal ≤ 1.5 GB);
 *   - the cost of an idle firm: (RSS with N idle firms − RSS with none) / N, after GC (goal ≤ 5 MB),
 *     and of an open one, the same way;
 *   - the overview query (the README's, with lines, their status and four weeks of capacity)
 *     across BENCH_OVERVIEW_FIRMS (default 50) hosted firms through the gateway, BENCH_RUNS
 *     (default 20) answers one after the other once every firm is routed (goal ≤ 1 s), and the
 *     CPU per answer of the host, the gateway and the host's PostgreSQL backends (from /proc). The
 *     host's own background work (timers of the open firms) is measured over an idle window first
 *     and printed apart, so the CPU per firm part is what answering costs, whatever the latency.
 * "No firm" and "N idle firms" are both read in a freshly started host (the second after a
 * restart with every firm hosted and none open), after a full GC.
 * The gateway and the cluster subgraph run as in the demo. Run: `pnpm bench:hosted`.
 * BENCH_PROFILE=<dir> writes a CPU profile of the host (`host.cpuprofile`) and of the gateway
 * (`gateway.cpuprofile`) over the overview runs (support/cpuProfile.mjs; summarise with
 * support/profileSummary.ts); BENCH_IDLE_SECONDS (default 6) is the idle window.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchCluster, type MemberSpec } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { demoToken, gql, mondayFromNow, partnerDemoPolicies, testMember, waitFor, withPolicies } from '../src/index.ts';
import { loadAverage } from './support/load.ts';

const FIRMS = Number(process.env['BENCH_FIRMS'] ?? 200);
const OVERVIEW_FIRMS = Math.min(FIRMS, Number(process.env['BENCH_OVERVIEW_FIRMS'] ?? 50));
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const IDLE_WINDOW_MS = Number(process.env['BENCH_IDLE_SECONDS'] ?? 6) * 1000;
const PROFILE_DIR = process.env['BENCH_PROFILE'];
// Long enough that every firm provisioned stays open until the "all open" figure is read.
const IDLE_SECONDS = 900;
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

/** CPU milliseconds a process has used (user + system, /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The PostgreSQL backends serving one database (their process title names it). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // `postgres: <cluster>: <user> <database> <address> <state>` (the cluster name only in some setups).
      const m = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(title);
      if (m?.[1] === database) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** CPU milliseconds of a set of processes (one that ended meanwhile counts 0: read it before and after over the same set). */
function cpuOf(pids: number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      used.set(pid, cpuMs(pid));
    } catch {
      used.set(pid, 0);
    }
  }
  return used;
}
const cpuSince = (before: Map<number, number>) => [...cpuOf([...before.keys()])].reduce((sum, [pid, ms]) => sum + Math.max(0, ms - before.get(pid)!), 0);

// A CPU profile of the host and the gateway over the overview runs (support/cpuProfile.mjs, started and stopped by SIGUSR2).
const profileEnv = (name: string): Record<string, string> =>
  PROFILE_DIR
    ? {
        NODE_OPTIONS: `--import ${fileURLToPath(new URL('./support/cpuProfile.mjs', import.meta.url))}`,
        CG_CPU_PROFILE: join(PROFILE_DIR, `${name}.cpuprofile`),
      }
    : {};

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
/** The host's PostgreSQL database (its backends' CPU is read too). */
let hostDatabase: string | null = null;
const hostPort = await freePort();
const hostUrl = `http://127.0.0.1:${hostPort}`;
const firms = Array.from({ length: FIRMS }, (_, i) => hostedFirm(i));
// The overview's firms are registered from the start, at their hosted endpoints (routed once provisioned); the rest only hosted.
const registered = firms.slice(0, OVERVIEW_FIRMS).map((f) => ({ ...f, hosted: false, endpoint: `${hostUrl}/firms/${f.id}/graphql` }));

const cluster = await launchCluster({
  rootDir,
  cluster: { id: 'hosted', name: 'Hosted cluster', region: 'Busan', industry: 'EV parts', leaderId: firmId(0) },
  members: registered,
  memberHost: {
    port: hostPort,
    env: { HOST_IDLE_SECONDS: String(IDLE_SECONDS), HOST_MAX_OPEN_FIRMS: String(FIRMS + 10), LOG_LEVEL: 'warn', ...profileEnv('host') },
  },
  demoAuth: true,
  logLevel: 'warn',
  startTimeoutMs: 300_000,
  gatewayEnv: {
    RATE_LIMIT_USER_PER_SECOND: '0',
    RATE_LIMIT_FIRM_PER_SECOND: '0',
    RATE_LIMIT_ADDRESS_PER_SECOND: '0',
    MEMBER_TIMEOUT_MS: '30000',
    ROUTING_REFRESH_MS: '1000',
    ...profileEnv('gateway'),
  },
  databaseUrl: async (service) => {
    const db = await createTestDatabase(`bench_hosted_${service}`);
    databases.push(db);
    if (service === 'member-host') hostDatabase = db.url ? new URL(db.url).pathname.slice(1) : null;
    return db.url;
  },
});

const admin = async (path: string) => {
  const res = await fetch(`${hostUrl}${path}`, { headers: { authorization: `Bearer ${await cluster.hostAdminToken()}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
};
const memory = async () => (await admin('/admin/memory')) as { rss: number; heapUsed: number; openFirms: number };

try {
  // RSS after GC with no firm at all, in a host just started (as the idle figure below is read).
  const none = await memory();

  const provisionStarted = Date.now();
  for (const firm of firms) await cluster.provisionHosted(firm);
  const provisionMs = Date.now() - provisionStarted;
  const allOpen = await memory();
  const peak = peakRss(cluster.memberHost!.pid!);

  // A host restarted with every firm hosted and none open: what N idle firms cost.
  await cluster.memberHost!.stop();
  await cluster.memberHost!.start();
  const idle = await memory();
  if (idle.openFirms !== 0) throw new Error(`${idle.openFirms} firms open after the restart`);
  const hostPid = cluster.memberHost!.pid!;
  const gatewayPid = cluster.gateway.pid!;

  const token = await demoToken(cluster.gatewayOrigin, `planner@${firmId(0)}`);
  const ask = async () => {
    const started = performance.now();
    const answer = await gql(cluster.gatewayUrl, query, { from, to }, { token, purpose: 'JOINT_PLANNING', operationName: 'Overview' });
    const ms = performance.now() - started;
    const members = (answer.data?.['members'] ?? []) as Array<{ capacity: unknown[] | null; lines: unknown[] | null }>;
    const complete = !answer.errors?.length && members.length === OVERVIEW_FIRMS && members.every((m) => m.capacity?.length && m.lines?.length);
    return { ms, complete, answer };
  };
  // The gateway checked the firms' SDL while the host restarted: until it routes every one again.
  await waitFor('the gateway routes every hosted firm', async () => (await ask()).complete, 180_000, 1000);
  // A few more answers, so every firm's first-use costs (statements prepared on each connection, caches) are behind us.
  for (let i = 0; i < 3; i++) await ask();
  // The host's background work with the overview's firms open and nothing asked (timers: polls, ledger, line events).
  const idleBefore = cpuMs(hostPid);
  const idleStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
  const backgroundMsPerSecond = ((cpuMs(hostPid) - idleBefore) * 1000) / (performance.now() - idleStarted);

  const warm: number[] = [];
  const backends = hostDatabase ? backendsOf(hostDatabase) : [];
  if (PROFILE_DIR) for (const pid of [hostPid, gatewayPid]) process.kill(pid, 'SIGUSR2');
  const cpuBefore = cpuMs(hostPid);
  const gatewayBefore = cpuMs(gatewayPid);
  const backendsBefore = cpuOf(backends);
  const runsStarted = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const run = await ask();
    if (!run.complete) throw new Error(`incomplete answer: ${JSON.stringify(run.answer).slice(0, 500)}`);
    warm.push(run.ms);
  }
  const runsMs = performance.now() - runsStarted;
  const hostCpuPerOverview = (cpuMs(hostPid) - cpuBefore) / RUNS;
  const gatewayCpuPerOverview = (cpuMs(gatewayPid) - gatewayBefore) / RUNS;
  const postgresCpuPerOverview = cpuSince(backendsBefore) / RUNS;
  if (PROFILE_DIR) for (const pid of [hostPid, gatewayPid]) process.kill(pid, 'SIGUSR2');
  // What answering cost the host: its CPU over the runs less what it spends in the background over as long.
  const answeringCpuPerOverview = Math.max(0, hostCpuPerOverview - (backgroundMsPerSecond * runsMs) / 1000 / RUNS);
  warm.sort((a, b) => a - b);
  const afterOverview = await memory();

  const idleCost = (idle.rss - none.rss) / FIRMS;
  const openCost = (allOpen.rss - none.rss) / FIRMS;
  const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');
  console.log(`\nbench:hosted — ${FIRMS} firms in one member host on PostgreSQL (load average ${loadAverage()})\n`);
  console.log(
    `  provisioning          ${FIRMS} firms in ${(provisionMs / 1000).toFixed(1)} s (${(provisionMs / FIRMS).toFixed(0)} ms each, seeded, one after the other)`,
  );
  console.log(`  RSS, no firm          ${mb(none.rss)}`);
  console.log(`  RSS, ${allOpen.openFirms} firms open   ${mb(allOpen.rss)}   goal ≤ ${GOALS.rssMb} MB: ${verdict(allOpen.rss <= GOALS.rssMb * MB)}`);
  console.log(`  RSS, ${FIRMS} firms idle   ${mb(idle.rss)} (host restarted: all hosted, none open)`);
  console.log(`  peak RSS (VmHWM)      ${mb(peak)}   goal ≤ ${GOALS.rssMb} MB: ${verdict(peak <= GOALS.rssMb * MB)}`);
  console.log(`  cost of an idle firm  ${mb(idleCost)}   goal ≤ ${GOALS.idleFirmMb} MB: ${verdict(idleCost <= GOALS.idleFirmMb * MB)}`);
  console.log(`  cost of an open firm  ${mb(openCost)}   (no goal; ${allOpen.openFirms} open; a host closes a firm idle for HOST_IDLE_SECONDS)`);
  console.log(`  RSS after overview    ${mb(afterOverview.rss)} (${afterOverview.openFirms} firms open)`);
  console.log(
    `  overview, ${OVERVIEW_FIRMS} hosted firms through the gateway, ${RUNS} answers one after the other: ` +
      `p50 ${percentile(warm, 50).toFixed(0)} ms, p95 ${percentile(warm, 95).toFixed(0)} ms, max ${warm.at(-1)!.toFixed(0)} ms   ` +
      `goal ≤ ${GOALS.overviewMs} ms: ${verdict(percentile(warm, 50) <= GOALS.overviewMs)} (median)`,
  );
  console.log(
    `  CPU per answer        host ${hostCpuPerOverview.toFixed(0)} ms (answering ${answeringCpuPerOverview.toFixed(0)} ms = ` +
      `${(answeringCpuPerOverview / OVERVIEW_FIRMS).toFixed(2)} ms per firm part; background ${backgroundMsPerSecond.toFixed(1)} ms/s with ` +
      `${afterOverview.openFirms} firms open), gateway ${gatewayCpuPerOverview.toFixed(0)} ms, PostgreSQL (the host's ${backends.length} backends) ` +
      `${postgresCpuPerOverview.toFixed(0)} ms`,
  );
  console.log(`  load average          ${loadAverage()} (at the end)`);
  if (PROFILE_DIR)
    console.log(`  profiles              ${PROFILE_DIR}/host.cpuprofile, gateway.cpuprofile (npx tsx test/bench/support/profileSummary.ts <file>)`);
} finally {
  await cluster.stop();
  await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  if (!process.env['BENCH_KEEP']) rmSync(rootDir, { recursive: true, force: true });
  else console.log(`kept ${rootDir}`);
}
