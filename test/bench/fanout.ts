/**
 * Fan-out benchmark (issue 16): the README's overview query
 *   { members { id name roles lines { id name status { state } } capacity(from, to) { … } } }
 * over 1, 10 and 50 members (BENCH_MEMBERS=1,10,50), 50 concurrent clients (autocannon) for
 * BENCH_SECONDS (default 10) each. The gateway and the cluster subgraph run as in the demo;
 * the members run in ONE process (support/memberHost.ts: the real member app, each on its own
 * PGlite database and port) so that 50 of them fit on the machine. Prints requests/s, latency
 * p50/p95 by member count, and the gateway's CPU per member part (its CPU per request divided
 * by the members in the answer), and the marginal cost of a member part: how much more CPU a
 * request costs per added member between the smallest and the largest count (the fixed cost of a
 * request — HTTP, sign-in, the cluster fetch, shaping — is in the first figure, not in this one).
 * Goal: ≤ 0.3 ms per member part at 50 members, flat from 1 to 50.
 * Run: `pnpm bench:fanout` (BENCH_PROFILE=<dir> writes a CPU profile of the gateway over each run,
 * `gateway-<members>.cpuprofile`; summarise with support/profileSummary.ts).
 * BENCH_DRIVER=host runs the members on the member host instead (`pnpm member:host`, issue 18:
 * every member a hosted firm in one process, each in its own schema of one PostgreSQL database),
 * as the cluster's "host us" firms run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { launchCluster, type MemberSpec } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { loadOrCreateSigningKeys, writePublicJwk } from '@clustergraph/runtime';
import { demoToken, gql, mondayFromNow, partnerDemoPolicies, testMember, withPolicies } from '../src/index.ts';
import { loadAverage, runLoad, type LoadResult } from './support/load.ts';

const COUNTS = (process.env['BENCH_MEMBERS'] ?? '1,10,50').split(',').map(Number);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const GOAL_MS_PER_PART = 0.3;
const PROFILE_DIR = process.env['BENCH_PROFILE'];
/** `host`: the members are firms of a member host on PostgreSQL; otherwise support/memberHost.ts (PGlite per member). */
const ON_MEMBER_HOST = process.env['BENCH_DRIVER'] === 'host';
const require = createRequire(import.meta.url);

const from = mondayFromNow(0);
const to = mondayFromNow(4);
const query = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;

/** A leader and partners that share line status with it (no FORBIDDEN notice in the answer). */
function fanoutMembers(count: number): MemberSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `m${String(i + 1).padStart(2, '0')}`;
    const capacity = { CASTING: { actual: 100 + i, maximum: 150 + i, price: 50_000 } };
    return i === 0
      ? testMember(id, `Member ${id}`, ['LEADER'], 'Busan', capacity)
      : withPolicies(testMember(id, `Member ${id}`, ['PARTNER'], 'Busan', capacity), partnerDemoPolicies());
  });
}

/** Starts support/memberHost.ts; resolves the members' URLs once all answer. */
async function startMemberHost(rootDir: string, publicKeyFile: string, members: MemberSpec[]): Promise<{ child: ChildProcess; urls: Map<string, string> }> {
  const job = { rootDir, publicKeyFile, members: members.map((m) => ({ id: m.id, seedProfile: m.seedProfile })) };
  const child = spawn(
    process.execPath,
    ['--import', require.resolve('tsx'), fileURLToPath(new URL('./support/memberHost.ts', import.meta.url)), JSON.stringify(job)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const urls = await new Promise<Map<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`member host exited (${code}) before it was ready`)));
    lines.on('line', (line) => {
      try {
        const { ready } = JSON.parse(line) as { ready?: { id: string; url: string }[] };
        if (ready) resolve(new Map(ready.map((r) => [r.id, r.url])));
      } catch {
        // a log line
      }
    });
  });
  return { child, urls };
}

interface Row {
  members: number;
  result: LoadResult;
  perPartMs: number;
}

async function measure(count: number): Promise<Row> {
  const rootDir = mkdtempSync(join(tmpdir(), 'cg-bench-fanout-'));
  const databases: TestDatabase[] = [];
  // The gateway's key pair first, so the member host can verify its tokens (launchCluster reuses it).
  const keys = await loadOrCreateSigningKeys(join(rootDir, 'keys', 'gateway-signing-key.json'));
  const publicKeyFile = join(rootDir, 'keys', 'gateway-public.jwk.json');
  writePublicJwk(publicKeyFile, keys.publicJwk);
  const members = fanoutMembers(count);
  const host = ON_MEMBER_HOST ? null : await startMemberHost(rootDir, publicKeyFile, members);
  try {
    const cluster = await launchCluster({
      rootDir,
      cluster: { id: 'fanout', name: 'Fan-out cluster', region: 'Busan', industry: 'EV parts', leaderId: 'm01' },
      members: members.map((m) => (host ? { ...m, endpoint: host.urls.get(m.id)! } : { ...m, hosted: true })),
      ...(host ? {} : { memberHost: { env: { LOG_LEVEL: 'warn', HOST_MAX_OPEN_FIRMS: String(count + 10) } } }),
      demoAuth: true,
      logLevel: 'warn',
      startTimeoutMs: 300_000,
      // Rate limits off (one planner's 50 clients are the load); members in one process may be slow to answer: wait for them.
      gatewayEnv: {
        RATE_LIMIT_USER_PER_SECOND: '0',
        RATE_LIMIT_FIRM_PER_SECOND: '0',
        RATE_LIMIT_ADDRESS_PER_SECOND: '0',
        MEMBER_TIMEOUT_MS: '30000',
        // support/cpuProfile.mjs: SIGUSR2 starts the profile before the load run and writes it after.
        ...(PROFILE_DIR
          ? {
              NODE_OPTIONS: `--import ${fileURLToPath(new URL('./support/cpuProfile.mjs', import.meta.url))}`,
              CG_CPU_PROFILE: join(PROFILE_DIR, `gateway-${count}.cpuprofile`),
            }
          : {}),
      },
      databaseUrl: async (service) => {
        const db = await createTestDatabase(`bench_fanout_${service}`);
        databases.push(db);
        return db.url;
      },
    });
    try {
      const token = await demoToken(cluster.gatewayOrigin, 'planner@m01');
      const expectComplete = (answer: { data?: { members?: unknown[] } | null; errors?: unknown[] }) =>
        !answer.errors?.length &&
        answer.data?.members?.length === count &&
        answer.data.members.every((m) => (m as { capacity: unknown[] | null }).capacity?.length);
      for (let i = 0; i < 5; i++) {
        const answer = await gql(cluster.gatewayUrl, query, { from, to }, { token, purpose: 'JOINT_PLANNING', operationName: 'Overview' });
        if (!expectComplete(answer as never)) throw new Error(`incomplete answer with ${count} members: ${JSON.stringify(answer).slice(0, 500)}`);
      }
      if (PROFILE_DIR) process.kill(cluster.gateway.pid!, 'SIGUSR2');
      const result = await runLoad({
        url: cluster.gatewayUrl,
        body: { query, variables: { from, to }, operationName: 'Overview' },
        headers: { authorization: `Bearer ${token}`, 'x-clustergraph-purpose': 'JOINT_PLANNING' },
        connections: CONNECTIONS,
        seconds: SECONDS,
        processes: { gateway: cluster.gateway.pid, cluster: cluster.cluster.pid, members: host ? host.child.pid : cluster.memberHost!.pid },
        verify: (body) => {
          try {
            return expectComplete(JSON.parse(body));
          } catch {
            return false;
          }
        },
      });
      if (PROFILE_DIR) process.kill(cluster.gateway.pid!, 'SIGUSR2');
      return { members: count, result, perPartMs: result.cpuMsPerRequest['gateway']! / count };
    } finally {
      await cluster.stop();
    }
  } finally {
    if (host) {
      host.child.kill('SIGTERM');
      await new Promise((resolve) => host.child.once('exit', resolve));
    }
    await Promise.all(databases.map((d) => d.drop().catch(() => {})));
    rmSync(rootDir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const count of COUNTS) {
  const row = await measure(count);
  rows.push(row);
  const r = row.result;
  console.log(
    `${count} members: ${r.requestsPerSecond.toFixed(1)} requests/s, p50 ${r.latency.p50.toFixed(0)} ms, p95 ${r.latency.p95.toFixed(0)} ms; gateway ${r.cpuMsPerRequest['gateway']!.toFixed(2)} ms CPU per request = ${row.perPartMs.toFixed(3)} ms per member part; cluster ${r.cpuMsPerRequest['cluster']!.toFixed(2)} ms, members (one process) ${r.cpuMsPerRequest['members']!.toFixed(2)} ms = ${(r.cpuMsPerRequest['members']! / count).toFixed(2)} ms per part; ${r.requests} answers of ${r.sent} sent, ${r.bad} not complete; load average ${loadAverage()}`,
  );
}
console.log(
  `\n${CONNECTIONS} clients, ${SECONDS} s per member count; members ${ON_MEMBER_HOST ? 'on the member host (PostgreSQL, a schema each)' : 'in one process, PGlite each'}; load average ${loadAverage()}`,
);
console.log('| members | requests/s | p50 | p95 | gateway CPU per request | per member part |');
console.log('|---|---|---|---|---|---|');
for (const { members, result, perPartMs } of rows)
  console.log(
    `| ${members} | ${result.requestsPerSecond.toFixed(1)} | ${result.latency.p50.toFixed(0)} ms | ${result.latency.p95.toFixed(0)} ms | ${result.cpuMsPerRequest['gateway']!.toFixed(2)} ms | ${perPartMs.toFixed(3)} ms |`,
  );
const largest = rows[rows.length - 1]!;
const smallest = rows[0]!;
if (largest.members > smallest.members) {
  const marginal = (largest.result.cpuMsPerRequest['gateway']! - smallest.result.cpuMsPerRequest['gateway']!) / (largest.members - smallest.members);
  console.log(
    `marginal gateway CPU per added member part (${smallest.members} → ${largest.members} members): ${marginal.toFixed(3)} ms; fixed cost of a request ≈ ${(smallest.result.cpuMsPerRequest['gateway']! - marginal * smallest.members).toFixed(2)} ms`,
  );
}
console.log(
  `goal: ≤ ${GOAL_MS_PER_PART} ms per member part at ${largest.members} members: ${largest.perPartMs.toFixed(3)} ms (${largest.perPartMs <= GOAL_MS_PER_PART ? 'met' : 'not met'}); ` +
    `flat from ${smallest.members} to ${largest.members}: ${(largest.perPartMs / smallest.perPartMs).toFixed(2)}× the per-part cost at ${smallest.members}`,
);
