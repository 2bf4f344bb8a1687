/**
 * Gateway benchmark (issues 2 and 16): the demo cluster's six members as processes, each on
 * its own database, and the README's overview query ("everything about every member")
 *   { members { id name roles lines { id name status { state } } capacity(from, to) { … } } }
 * 1. one request at a time: through the gateway, against the member-subgraph part of it sent
 *    straight to ONE member (with a gateway-signed token, as the gateway would); median and p90
 *    of 20 runs after 5 warm-ups;
 * 2. under load: 50 concurrent clients (autocannon) for BENCH_SECONDS (default 15) on the
 *    overview query and on the one-member query; requests/s, p50/p99 and the CPU per request
 *    of the gateway, the cluster subgraph and each member (from /proc/<pid>/stat).
 * Run: `pnpm bench:gateway` (BENCH_DRIVER=pglite to force PGlite, as `pnpm start` runs;
 * BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_KEEP=1 keeps the logs; BENCH_PROFILE=<dir> writes a --cpu-prof of every service).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchCluster } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { ServiceTokenSigner, loadOrCreateSigningKeys, memberAudience } from '@clustergraph/runtime';
import { gql, demoToken, mondayFromNow } from '../src/index.ts';
import { benchMembers } from './support/demoCluster.ts';
import { loadAverage, runLoad, type LoadResult } from './support/load.ts';

const RUNS = 20;
const WARMUP = 5;
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const PROFILE_DIR = process.env['BENCH_PROFILE'];
const GOALS = { gatewayCpuMs: 3, memberCpuMs: 2, overviewRps: 100 };
const driver = process.env['BENCH_DRIVER'] === 'pglite' ? 'pglite' : undefined;

const rootDir = mkdtempSync(join(tmpdir(), 'cg-bench-gw-'));
const databases: TestDatabase[] = [];
// A CPU profile of every service over the overview run (support/cpuProfile.mjs).
const profileEnv = (name: string): Record<string, string> =>
  PROFILE_DIR
    ? {
        NODE_OPTIONS: `--import ${fileURLToPath(new URL('./support/cpuProfile.mjs', import.meta.url))}`,
        CG_CPU_PROFILE: join(PROFILE_DIR, `${name}.cpuprofile`),
      }
    : {};
const members = benchMembers().map((m) => ({ ...m, env: { ...m.env, ...profileEnv(`member-${m.id}`) } }));
const cluster = await launchCluster({
  rootDir,
  cluster: { id: 'bench', name: 'Bench cluster', region: 'Busan', industry: 'EV parts', leaderId: 'hanbit-ev' },
  members,
  demoAuth: true,
  logLevel: 'warn',
  // The machine is shared: start-up may be slow.
  startTimeoutMs: 300_000,
  // Rate limits off: 50 clients of one planner are the load, not an abuse.
  gatewayEnv: { RATE_LIMIT_USER_PER_SECOND: '0', RATE_LIMIT_FIRM_PER_SECOND: '0', RATE_LIMIT_ADDRESS_PER_SECOND: '0', ...profileEnv('gateway') },
  clusterEnv: profileEnv('cluster'),
  databaseUrl: async (service) => {
    const db = await createTestDatabase(`bench_${service}`, driver);
    databases.push(db);
    return db.url;
  },
});

const from = mondayFromNow(0);
const to = mondayFromNow(4);
const gatewayQuery = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;
const oneMemberQuery = `query OneMember { member(id: "sejin-heat") { id name lines { id name } } }`;
// What the member subgraph answers for one member in that query (its entity fetch).
const memberQuery = `query($r: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $r) { ... on Member { lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } } }`;

async function time(fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}
/** What must be the same in every answer: the data, and each error's message, path and code. */
const canonical = (answer: { data?: unknown; errors?: readonly { message: string; path?: unknown; extensions?: Record<string, unknown> }[] }) =>
  JSON.stringify({ data: answer.data, errors: answer.errors?.map((e) => [e.message, e.path, e.extensions?.['code']]) });
const sameAs = (reference: string) => (body: string) => {
  try {
    return canonical(JSON.parse(body)) === reference;
  } catch {
    return false;
  }
};
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const goal = (value: number, target: number, atMost: boolean) =>
  `(goal ${atMost ? '≤' : '≥'} ${target}: ${(atMost ? value <= target : value >= target) ? 'met' : 'not met'})`;

function printLoad(label: string, r: LoadResult, overview: boolean): void {
  console.log(`\n${label}: ${CONNECTIONS} clients, ${SECONDS} s, load average ${loadAverage()}`);
  console.log(
    `  ${r.requestsPerSecond.toFixed(1)} requests/s ${overview ? goal(r.requestsPerSecond, GOALS.overviewRps, false) : ''}; p50 ${r.latency.p50.toFixed(0)} ms, p99 ${r.latency.p99.toFixed(0)} ms; ${r.requests} answers of ${r.sent} sent, ${r.bad} not as expected`,
  );
  if (r.firstBad) console.log(`  first unexpected answer: ${r.firstBad}`);
  const memberCpu = Object.entries(r.cpuMsPerRequest).filter(([name]) => name.startsWith('member '));
  console.log(
    `  CPU per request: gateway ${ms(r.cpuMsPerRequest['gateway']!)} ${overview ? goal(r.cpuMsPerRequest['gateway']!, GOALS.gatewayCpuMs, true) : ''}`,
  );
  console.log(`                   cluster subgraph ${ms(r.cpuMsPerRequest['cluster']!)}`);
  for (const [name, cpu] of memberCpu) console.log(`                   ${name} ${ms(cpu)} ${overview ? goal(cpu, GOALS.memberCpuMs, true) : ''}`);
}

try {
  const token = await demoToken(cluster.gatewayOrigin, 'planner@hanbit-ev');
  const signer = new ServiceTokenSigner(await loadOrCreateSigningKeys(join(rootDir, 'keys', 'gateway-signing-key.json')));
  // Single-use and bound to the member, like the gateway's own: one per direct call.
  const serviceToken = () =>
    signer.sign(
      { viewer: { userId: 'planner@hanbit-ev', memberId: 'hanbit-ev', roles: ['planner'], memberRoles: ['LEADER'] }, purpose: 'JOINT_PLANNING', system: false },
      memberAudience('daesung-casting'),
    );

  let memberCount = 0;
  let reference = '';
  const viaGateway = await time(async () => {
    const r = await gql(cluster.gatewayUrl, gatewayQuery, { from, to }, { token, purpose: 'JOINT_PLANNING' });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    memberCount = (r.data['members'] as unknown[]).length;
    reference = canonical(r);
  });
  const oneMember = await time(async () => {
    const r = await gql(
      cluster.memberUrl('daesung-casting'),
      memberQuery,
      { r: [{ __typename: 'Member', id: 'daesung-casting' }], from, to },
      { token: await serviceToken(), purpose: 'JOINT_PLANNING' },
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
  });
  console.log(`driver: ${databases[0]?.driver ?? 'pglite'}; ${memberCount} members; load average ${loadAverage()}`);
  console.log(`one request at a time (${RUNS} runs after ${WARMUP} warm-ups):`);
  console.log(`  through the gateway (6 members + cluster): median ${pct(viaGateway, 50).toFixed(1)} ms, p90 ${pct(viaGateway, 90).toFixed(1)} ms`);
  console.log(`  one member alone (its part of the query):  median ${pct(oneMember, 50).toFixed(1)} ms, p90 ${pct(oneMember, 90).toFixed(1)} ms`);

  const processes: Record<string, number | undefined> = { gateway: cluster.gateway.pid, cluster: cluster.cluster.pid };
  for (const [id, proc] of cluster.members) processes[`member ${id}`] = proc.pid;
  const headers = { authorization: `Bearer ${token}`, 'x-clustergraph-purpose': 'JOINT_PLANNING' };
  // The profiles (BENCH_PROFILE) cover the overview run: SIGUSR2 starts and stops them (support/cpuProfile.mjs).
  const signalProfilers = () => {
    if (PROFILE_DIR) for (const pid of Object.values(processes)) if (pid) process.kill(pid, 'SIGUSR2');
  };
  signalProfilers();
  // Every answer under load must be the answer given one at a time (same data, same FORBIDDEN notices).
  const overview = await runLoad({
    url: cluster.gatewayUrl,
    body: { query: gatewayQuery, variables: { from, to }, operationName: 'Overview' },
    headers,
    connections: CONNECTIONS,
    seconds: SECONDS,
    processes,
    verify: sameAs(reference),
  });
  signalProfilers();
  printLoad('under load, the overview query (cluster + 6 members)', overview, true);
  const one = await gql(cluster.gatewayUrl, oneMemberQuery, {}, { token, purpose: 'JOINT_PLANNING' });
  if (!one.data?.['member']) throw new Error(JSON.stringify(one.errors));
  const oneReference = canonical(one);
  const single = await runLoad({
    url: cluster.gatewayUrl,
    body: { query: oneMemberQuery, operationName: 'OneMember' },
    headers,
    connections: CONNECTIONS,
    seconds: SECONDS,
    processes,
    verify: sameAs(oneReference),
  });
  printLoad('under load, member(id: "sejin-heat") { id name lines { id name } }', single, false);
} finally {
  await cluster.stop();
  await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  // BENCH_KEEP=1 keeps the services' logs (rootDir/logs) to read after the run.
  if (process.env['BENCH_KEEP']) console.log(`logs kept in ${rootDir}/logs`);
  else rmSync(rootDir, { recursive: true, force: true });
}
