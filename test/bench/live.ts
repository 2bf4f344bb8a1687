/**
 * Live line status benchmark: 6 members, 2,000 concurrent gateway subscribers (one WebSocket
 * each, each following one member's lines, a quarter narrowed to two lines) selecting fields
 * of both subgraphs, members emitting 60 events/s in total. Then the same load subscribed to
 * the members directly. Prints expected vs delivered per subscriber, latency from member
 * commit to receipt, deliveries/s, RSS and CPU.
 * The subscriber sockets live in LIVE_BENCH_CLIENT_PROCESSES child processes (default 4, started once
 * and kept for every phase; 0 = all in the bench process, as first written): receipt is stamped by the receiving process's
 * event loop, so a single loop carrying 2,000 sockets and ~20,000 messages/s inflates the
 * latency it measures. Each client process's event-loop delay is printed with the figures.
 * Run: `pnpm bench:live` (`-- --runs 5` for five consecutive runs, `-- --gateway-only` to skip the direct phase;
 * LIVE_BENCH_SECONDS, LIVE_BENCH_SUBSCRIBERS, LIVE_BENCH_RATE,
 * LIVE_BENCH_CLIENT_PROCESSES to vary; LIVE_BENCH_WARMUP_SECONDS (20) of load through the gateway before the first counted run, printed apart as the cold start; each phase starts its clock once the machine is at rest, at most LIVE_BENCH_SETTLE_BUSY (25) % busy over a second, waiting 30 s at most; LIVE_BENCH_PROFILE=<dir> writes a CPU profile of the gateway and of every member).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceTokenSigner, loadOrCreateSigningKeys, memberAudience } from '@clustergraph/runtime';
import { startTestCluster, testMember, waitFor, type TestCluster } from '@clustergraph/test';
import { driveEvents, type CommittedEvent } from './live/driver.ts';
import { MachineSampler, ProcessSampler } from './live/processStats.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SubscriberProcessPool, type ClientProcesses, type LoopDelay } from './live/clientProcesses.ts';
import { openSubscribers, type Subscriber, type SubscriberSpec } from './live/subscribers.ts';

const SECONDS = Number(process.env['LIVE_BENCH_SECONDS'] ?? 60);
const SUBSCRIBERS = Number(process.env['LIVE_BENCH_SUBSCRIBERS'] ?? 2000);
const RATE = Number(process.env['LIVE_BENCH_RATE'] ?? 60);
const CLIENT_PROCESSES = Number(process.env['LIVE_BENCH_CLIENT_PROCESSES'] ?? 4);
const DRAIN_MS = 5000;
/** Seconds of load through the gateway before the first counted run (LIVE_BENCH_WARMUP_SECONDS, 0 = none): the cold start, printed apart. */
const WARMUP_SECONDS = Number(process.env['LIVE_BENCH_WARMUP_SECONDS'] ?? 20);
const PROFILE_DIR = process.env['LIVE_BENCH_PROFILE'];
const CPU_PROFILER = fileURLToPath(new URL('./support/cpuProfile.mjs', import.meta.url));
/** `pnpm bench:live -- --runs 5`: consecutive runs on one cluster, every run's figures printed, then a summary. */
const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : Number(process.env['LIVE_BENCH_RUNS'] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error('--runs needs a whole number ≥ 1');
  return n;
})();
/** `--gateway-only`: skip the phase of subscribers on the members directly. */
const GATEWAY_ONLY = process.argv.includes('--gateway-only');
const MEMBERS = [
  { id: 'lead', name: 'Lead Assembly Co.', roles: ['LEADER'] as const },
  { id: 'cast', name: 'Cast Partner Co.', roles: ['PARTNER'] as const },
  { id: 'heat', name: 'Heat Partner Co.', roles: ['PARTNER'] as const },
  { id: 'mold', name: 'Mold Partner Co.', roles: ['PARTNER'] as const },
  { id: 'weld', name: 'Weld Partner Co.', roles: ['PARTNER'] as const },
  { id: 'paint', name: 'Paint Partner Co.', roles: ['PARTNER'] as const },
];
const PROCESSES = ['CASTING', 'CNC_MACHINING', 'WELDING', 'ASSEMBLY'];
const lineIdsOf = (memberId: string) => PROCESSES.map((_, i) => `${memberId}-line-${i + 1}`);

const GATEWAY_QUERY = `subscription($m: [ID!], $l: [ID!]) { lineStatusChanged(memberIds: $m, lineIds: $l) { seq state at line { name } member { name roles } } }`;
// Directly on a member, `member { name roles }` is not there (the cluster owns them).
const DIRECT_QUERY = `subscription($m: [ID!], $l: [ID!]) { lineStatusChanged(memberIds: $m, lineIds: $l) { seq state at line { name } member { id } } }`;

interface PhaseResult {
  label: string;
  subscribers: number;
  exact: number;
  missing: number;
  duplicates: number;
  outOfOrder: number;
  expected: number;
  delivered: number;
  errors: number;
  closed: number;
  p50: number;
  p99: number;
  max: number;
  deliveriesPerSecond: number;
  process: { cpuPercent: number; maxRssMb: number; lastRssMb: number };
  driveFailures: number;
  clients: { processes: number; cpuPercent: number; loopDelays: LoopDelay[] };
  /** p99 latency of the events committed in each 10-s window of the run. */
  windows: Array<{ fromSecond: number; deliveries: number; p99: number; max: number }>;
  /** The first 10-s window second by second: where a cold start shows. */
  firstSeconds: Array<{ second: number; deliveries: number; p99: number; max: number }>;
  /** Events whose slowest delivery took longer than the goal's 250 ms: how many, and the worst few (member, seq, commit second, slowest delivery). */
  slowEvents: { count: number; worst: Array<{ memberId: string; seq: number; second: number; maxMs: number }> };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function subscriberSpecs(url: (memberId: string) => string, connectionParams: (memberId: string) => Record<string, unknown>, query: string): SubscriberSpec[] {
  return Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const member = MEMBERS[i % MEMBERS.length]!;
    // Every fourth subscriber narrows to two lines (alternating pairs).
    const lines = lineIdsOf(member.id);
    const lineIds = i % 4 === 3 ? (i % 8 === 3 ? lines.slice(0, 2) : lines.slice(2, 4)) : null;
    return {
      url: url(member.id),
      memberId: member.id,
      lineIds,
      connectionParams: connectionParams(member.id),
      query,
      variables: { m: [member.id], l: lineIds },
    };
  });
}

function evaluate(
  label: string,
  subscribers: Subscriber[],
  committed: Map<string, CommittedEvent[]>,
  elapsedSeconds: number,
  processStats: PhaseResult['process'],
  driveFailures: number,
  clients: PhaseResult['clients'],
  startedAt: number,
): PhaseResult {
  const commitTimes = new Map([...committed].map(([memberId, events]) => [memberId, new Map(events.map((e) => [e.seq, Date.parse(e.at)]))]));
  const byWindow = new Map<number, number[]>();
  const bySecond = new Map<number, number[]>();
  /** "member#seq" → commit second and slowest delivery. */
  const byEvent = new Map<string, { memberId: string; seq: number; second: number; maxMs: number }>();
  let exact = 0;
  let missing = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let expectedTotal = 0;
  let deliveredTotal = 0;
  let errors = 0;
  let closed = 0;
  const latencies: number[] = [];
  for (const s of subscribers) {
    const expected = (committed.get(s.spec.memberId) ?? []).filter((e) => !s.spec.lineIds || s.spec.lineIds.includes(e.lineId)).map((e) => e.seq);
    expectedTotal += expected.length;
    deliveredTotal += s.seqs.length;
    errors += s.errors;
    if (s.closed) closed++;
    const got = new Set(s.seqs);
    duplicates += s.seqs.length - got.size;
    missing += expected.filter((seq) => !got.has(seq)).length;
    for (let i = 1; i < s.seqs.length; i++) if (s.seqs[i]! <= s.seqs[i - 1]!) outOfOrder++;
    if (expected.length === s.seqs.length && expected.every((seq, i) => s.seqs[i] === seq)) exact++;
    latencies.push(...s.latenciesMs);
    const times = commitTimes.get(s.spec.memberId);
    s.seqs.forEach((seq, i) => {
      const at = times?.get(seq);
      if (at === undefined) return;
      const latency = s.latenciesMs[i]!;
      const second = Math.max(0, (at - startedAt) / 1000);
      const window = Math.floor(second / 10);
      let list = byWindow.get(window);
      if (!list) byWindow.set(window, (list = []));
      list.push(latency);
      if (second < 10) {
        let inSecond = bySecond.get(Math.floor(second));
        if (!inSecond) bySecond.set(Math.floor(second), (inSecond = []));
        inSecond.push(latency);
      }
      const key = `${s.spec.memberId}#${seq}`;
      const event = byEvent.get(key);
      if (!event) byEvent.set(key, { memberId: s.spec.memberId, seq, second, maxMs: latency });
      else if (latency > event.maxMs) event.maxMs = latency;
    });
  }
  const windows = [...byWindow]
    .sort(([a], [b]) => a - b)
    .map(([window, values]) => {
      const sortedWindow = Float64Array.from(values).sort();
      return { fromSecond: window * 10, deliveries: values.length, p99: percentile(sortedWindow, 99), max: sortedWindow[sortedWindow.length - 1]! };
    });
  const firstSeconds = [...bySecond]
    .sort(([a], [b]) => a - b)
    .map(([second, values]) => {
      const sortedSecond = Float64Array.from(values).sort();
      return { second, deliveries: values.length, p99: percentile(sortedSecond, 99), max: sortedSecond[sortedSecond.length - 1]! };
    });
  const slow = [...byEvent.values()].filter((e) => e.maxMs > 250).sort((a, b) => b.maxMs - a.maxMs);
  const sorted = Float64Array.from(latencies).sort();
  return {
    label,
    subscribers: subscribers.length,
    exact,
    missing,
    duplicates,
    outOfOrder,
    expected: expectedTotal,
    delivered: deliveredTotal,
    errors,
    closed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    deliveriesPerSecond: deliveredTotal / elapsedSeconds,
    process: processStats,
    driveFailures,
    clients,
    windows,
    firstSeconds,
    slowEvents: { count: slow.length, worst: slow.slice(0, 8) },
  };
}

/** The subscriber processes, started at the first phase and kept for every later one. */
let clientPool: SubscriberProcessPool | null = null;

/** Opens the subscribers in child processes (or, with LIVE_BENCH_CLIENT_PROCESSES=0, in this one). */
async function openClients(specs: SubscriberSpec[]): Promise<ClientProcesses> {
  if (CLIENT_PROCESSES > 0) return (clientPool ??= new SubscriberProcessPool(CLIENT_PROCESSES)).open(specs);
  const opened = await openSubscribers(specs, 25);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    pids: [process.pid],
    measure: () => loop.reset(),
    async finish() {
      opened.close();
      loop.disable();
      const ms = (ns: number) => ns / 1e6;
      return { subscribers: opened.subscribers, loopDelays: [{ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) }] };
    },
  };
}

const SETTLE_BUSY_PERCENT = Number(process.env['LIVE_BENCH_SETTLE_BUSY'] ?? 25);
const SETTLE_MAX_SECONDS = 30;

/** Waits (at most SETTLE_MAX_SECONDS) for a second in which the whole machine is at most SETTLE_BUSY_PERCENT busy. */
async function settleMachine(): Promise<{ waitedSeconds: number; busyPercent: number }> {
  let busyPercent = 100;
  let waitedSeconds = 0;
  while (waitedSeconds < SETTLE_MAX_SECONDS) {
    const machine = new MachineSampler();
    await new Promise((r) => setTimeout(r, 1000));
    waitedSeconds += 1;
    busyPercent = machine.stop().busyPercent;
    if (busyPercent <= SETTLE_BUSY_PERCENT) break;
  }
  return { waitedSeconds, busyPercent };
}

async function runPhase(
  label: string,
  cluster: TestCluster,
  signer: ServiceTokenSigner,
  specs: SubscriberSpec[],
  ready: () => Promise<void>,
  pids: number[],
  measured: () => Promise<void> = async () => {},
  seconds = SECONDS,
): Promise<PhaseResult> {
  const t0 = Date.now();
  const clients = await openClients(specs);
  await ready();
  console.log(
    `[${label}] ${specs.length} subscribers connected in ${((Date.now() - t0) / 1000).toFixed(1)} s (${CLIENT_PROCESSES > 0 ? `${CLIENT_PROCESSES} client processes` : 'in the bench process'}); driving ${RATE} events/s for ${seconds} s`,
  );
  await new Promise((r) => setTimeout(r, 2000));
  // The clock starts on a machine at rest: what the previous phase left (its 2,000 sockets
  // closing, the members' garbage of a direct phase, the cluster's start) is not this phase's.
  const settled = await settleMachine();
  console.log(
    `[${label}] machine at rest after ${settled.waitedSeconds} s (${settled.busyPercent.toFixed(0)} % busy over the last second${settled.busyPercent > SETTLE_BUSY_PERCENT ? `; gave up waiting after ${SETTLE_MAX_SECONDS} s` : ''})`,
  );
  const sampler = new ProcessSampler(pids);
  const others = {
    cluster: new ProcessSampler([cluster.cluster.pid!]),
    members: new ProcessSampler(MEMBERS.map((m) => cluster.members.get(m.id)!.pid!)),
    gateway: new ProcessSampler([cluster.gateway.pid!]),
    bench: new ProcessSampler([process.pid]),
    clients: new ProcessSampler(clients.pids),
    machine: new MachineSampler(),
  };
  clients.measure();
  await measured();
  const members = MEMBERS.map((m) => ({ id: m.id, url: cluster.memberUrl(m.id), lineIds: lineIdsOf(m.id) }));
  const { committed, failures, elapsedSeconds, startedAt } = await driveEvents({ members, signer, eventsPerSecond: RATE, seconds });
  console.log(`[${label}] events driven from ${new Date(startedAt).toISOString()} (the seconds below count from there)`);
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const stats = sampler.stop();
  const clusterStats = others.cluster.stop();
  const benchStats = others.bench.stop();
  const clientStats = others.clients.stop();
  const membersStats = others.members.stop();
  const gatewayStats = others.gateway.stop();
  const machine = others.machine.stop();
  console.log(
    `[${label}] CPU (% of one core): gateway ${gatewayStats.cpuPercent.toFixed(0)}, 6 members ${membersStats.cpuPercent.toFixed(0)}, cluster subgraph ${clusterStats.cpuPercent.toFixed(0)}, bench driver ${benchStats.cpuPercent.toFixed(0)}, subscriber clients ${clientStats.cpuPercent.toFixed(0)}; whole machine ${machine.busyPercent.toFixed(0)} % busy of ${cpus().length} cores, load average ${machine.loadAverage.toFixed(1)}`,
  );
  const { subscribers, loopDelays } = await clients.finish();
  const sample = subscribers.find((s) => s.firstError || s.closed);
  if (sample) console.log(`[${label}] e.g. subscriber of ${sample.spec.memberId}: ${JSON.stringify(sample.firstError ?? sample.closed).slice(0, 600)}`);
  return evaluate(
    label,
    subscribers,
    committed,
    elapsedSeconds,
    stats,
    failures,
    { processes: Math.max(CLIENT_PROCESSES, 1), cpuPercent: clientStats.cpuPercent, loopDelays },
    startedAt,
  );
}

function print(r: PhaseResult, processLabel: string): void {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(`\n== ${r.label} ==`);
  console.log(`subscribers                 ${r.subscribers} (exact stream: ${r.exact}, closed: ${r.closed}, with errors: ${r.errors})`);
  console.log(`events expected/delivered   ${r.expected} / ${r.delivered}  (missing ${r.missing}, duplicates ${r.duplicates}, out of order ${r.outOfOrder})`);
  console.log(`latency commit→receipt      p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}`);
  console.log(`sustained deliveries/s      ${r.deliveriesPerSecond.toFixed(0)}`);
  console.log(
    `${processLabel.padEnd(28)}RSS max ${r.process.maxRssMb.toFixed(0)} MB (end ${r.process.lastRssMb.toFixed(0)} MB), CPU ${r.process.cpuPercent.toFixed(0)} % of one core`,
  );
  const worst = (key: keyof LoopDelay) => Math.max(...r.clients.loopDelays.map((d) => d[key]));
  console.log(
    `${'subscriber clients'.padEnd(28)}${r.clients.processes} process(es), CPU ${r.clients.cpuPercent.toFixed(0)} %, event-loop delay (worst process) p50 ${ms(worst('p50'))} p99 ${ms(worst('p99'))} max ${ms(worst('max'))}`,
  );
  console.log(`p99 / max by 10-s window    ${r.windows.map((w) => `${w.fromSecond}s: ${ms(w.p99)} / ${ms(w.max)}`).join(', ')}`);
  console.log(`first 10 s by second        ${r.firstSeconds.map((w) => `${w.second}s: ${ms(w.p99)} / ${ms(w.max)}`).join(', ')}`);
  console.log(
    `events slower than 250 ms   ${r.slowEvents.count}${r.slowEvents.worst.length ? ` (worst: ${r.slowEvents.worst.map((e) => `${e.memberId}#${e.seq} at ${e.second.toFixed(1)} s ${ms(e.maxMs)}`).join(', ')})` : ''}`,
  );
  if (r.driveFailures) console.log(`reportLineEvents failures   ${r.driveFailures}`);
}

async function main(): Promise<void> {
  process.env['CG_TEST_LOG_LEVEL'] ??= 'warn';
  console.log(`live bench: ${MEMBERS.length} members, ${SUBSCRIBERS} subscribers, ${RATE} events/s for ${SECONDS} s`);
  const cluster = await startTestCluster({
    members: MEMBERS.map((m) => ({
      ...testMember(m.id, m.name, [...m.roles], 'Busan', Object.fromEntries(PROCESSES.map((p) => [p, { actual: 100, maximum: 120, price: 50_000 }]))),
      // LIVE_BENCH_PROFILE=<dir>: a CPU profile of every member too, from the first SIGUSR2 below to its exit.
      ...(PROFILE_DIR ? { env: { NODE_OPTIONS: `--import ${CPU_PROFILER}`, CG_CPU_PROFILE: join(PROFILE_DIR, `member-${m.id}.cpuprofile`) } } : {}),
    })),
    // A capacity benchmark, not an abuse test: 2,000 subscribers from one address and six
    // users would hit the per-address/per-user subscribe rates (README "Limits"); turn those off.
    gatewayEnv: {
      RATE_LIMIT_USER_PER_SECOND: '0',
      RATE_LIMIT_FIRM_PER_SECOND: '0',
      RATE_LIMIT_ADDRESS_PER_SECOND: '0',
      // LIVE_BENCH_PROFILE=<dir>: a CPU profile of the gateway from its start-up to its exit (support/cpuProfile.mjs).
      // LIVE_BENCH_GATEWAY_NODE_OPTIONS: e.g. --perf-basic-prof, for `perf record -p <gateway pid>`.
      ...(process.env['LIVE_BENCH_GATEWAY_NODE_OPTIONS'] ? { NODE_OPTIONS: process.env['LIVE_BENCH_GATEWAY_NODE_OPTIONS'] } : {}),
      ...(PROFILE_DIR
        ? {
            NODE_OPTIONS: `--import ${CPU_PROFILER}`,
            CG_CPU_PROFILE: join(PROFILE_DIR, 'gateway.cpuprofile'),
          }
        : {}),
    },
  });
  try {
    console.log(`cluster up (${cluster.driver}); gateway pid ${cluster.gateway.pid}`);
    if (PROFILE_DIR)
      for (const pid of [cluster.gateway.pid, ...[...cluster.members.values()].map((member) => member.pid)]) if (pid) process.kill(pid, 'SIGUSR2');
    const signer = new ServiceTokenSigner(await loadOrCreateSigningKeys(join(cluster.rootDir, 'keys', 'gateway-signing-key.json')));
    const tokens = new Map(await Promise.all(MEMBERS.map(async (m) => [m.id, await cluster.token(`planner@${m.id}`)] as const)));
    type Timing = Record<string, { n?: number; p50: number; p99: number; max: number }>;
    // /debug needs the cluster's admin; the reset changes state, so it is a POST.
    const adminToken = await cluster.token(`admin@${MEMBERS.find((m) => (m.roles as readonly string[]).includes('LEADER'))!.id}`);
    type DebugAnswer = {
      subscribers: number;
      groups: number;
      upstreams: number;
      timing: Timing;
      details: { upstreams: Array<{ state: string }> };
    };
    // A kept-alive connection the gateway closed meanwhile fails the request (ECONNRESET): asked again, up to three times.
    const debug = async (query = ''): Promise<DebugAnswer> => {
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(`${cluster.gatewayOrigin}/debug/subscriptions${query}`, {
            method: query.includes('reset=') ? 'POST' : 'GET',
            headers: { authorization: `Bearer ${adminToken}` },
          });
          return (await response.json()) as DebugAnswer;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };

    const gatewaySpecs = () =>
      subscriberSpecs(
        () => cluster.gatewayUrl,
        (memberId) => ({ authorization: `Bearer ${tokens.get(memberId)}` }),
        GATEWAY_QUERY,
      );
    const gatewayReady = (label: string) => async () => {
      await waitFor(
        'every gateway subscription upstream live',
        async () => {
          const stats = await debug();
          return stats.subscribers === SUBSCRIBERS && stats.details.upstreams.length > 0 && stats.details.upstreams.every((u) => u.state === 'live');
        },
        60_000,
      );
      const running = await debug();
      console.log(`[${label}] ${running.groups} shared groups over ${running.upstreams} member upstreams`);
    };

    // The cluster's first seconds after start run cold code (V8 compiles as it goes, every
    // PostgreSQL connection plans the ingest function at its first call): shown here, apart
    // from the counted runs, which measure the cluster as it runs from then on.
    let warmUp: PhaseResult | null = null;
    if (WARMUP_SECONDS > 0) {
      console.log(`\n######## warm-up: ${WARMUP_SECONDS} s through the gateway on the cluster as it started (printed, not counted)`);
      const label = 'warm-up through the gateway (cold start, not counted)';
      warmUp = await runPhase(label, cluster, signer, gatewaySpecs(), gatewayReady(label), [cluster.gateway.pid!], async () => {}, WARMUP_SECONDS);
      print(warmUp, 'gateway');
    }

    const summary: Array<{ run: number; gatewayP99: number; lossless: boolean; gatewayRssMb: number; directP99: number | null; load: string }> = [];
    for (let run = 1; run <= RUNS; run++) {
      console.log(`\n######## run ${run} of ${RUNS}`);
      // The gateway's stage timings of the first 10 s are taken (and reset) apart from the rest: a cold start shows there.
      let firstTiming: Timing | null = null;
      let firstTimer: NodeJS.Timeout | null = null;
      const viaGateway = await runPhase(
        'through the gateway',
        cluster,
        signer,
        gatewaySpecs(),
        gatewayReady('through the gateway'),
        [cluster.gateway.pid!],
        async () => {
          await debug('?reset=timing');
          firstTimer = setTimeout(() => void debug('?reset=timing').then((r) => (firstTiming = r.timing)), 10_000);
        },
      );
      if (firstTimer) clearTimeout(firstTimer);
      const after = await debug();
      print(viaGateway, 'gateway');
      const stage = (name: string, t: Timing[string] | undefined) => (t ? `${name} p50 ${t.p50} p99 ${t.p99} max ${t.max} ms` : `${name} n/a`);
      for (const [when, timing] of [
        ['first 10 s', firstTiming],
        [firstTiming ? 'from 10 s' : 'whole run', after.timing],
      ] as const) {
        if (!timing) continue;
        console.log(`gateway stages, ${when.padEnd(12)}${stage('member commit→upstream receipt', timing['arrivalMs'])}`);
        console.log(`                            ${stage('receipt→last socket write', timing['inGatewayMs'])}; ${stage('rest of plan', timing['resolveMs'])}`);
        console.log(
          `                            ${stage('fan-out of one payload', timing['fanOutMs'])}; ${stage('event-loop delay', timing['eventLoopDelayMs'])}`,
        );
        console.log(`                            ${stage(`GC pauses (${timing['gcPauseMs']?.n ?? 0})`, timing['gcPauseMs'])}`);
      }
      console.log(`gateway upstreams           ${after.details.upstreams.length} after close`);

      if (GATEWAY_ONLY) console.log('(members directly: skipped, --gateway-only)');
      const memberPids = MEMBERS.map((m) => cluster.members.get(m.id)!.pid!);
      // Gateway tokens are single-use and bound to one member: one per subscriber socket, minted just before the phase.
      const directTokens = new Map(
        await Promise.all(
          MEMBERS.map(async (m) => {
            const auth = {
              viewer: { userId: `planner@${m.id}`, memberId: m.id, roles: ['planner'], memberRoles: [...m.roles] },
              purpose: 'MONITORING' as const,
              system: false,
            };
            const count = Math.ceil(SUBSCRIBERS / MEMBERS.length);
            return [m.id, await Promise.all(Array.from({ length: count }, () => signer.sign(auth, memberAudience(m.id))))] as const;
          }),
        ),
      );
      // One WebSocket per subscriber to its member's own graphql-ws endpoint.
      const direct = GATEWAY_ONLY
        ? null
        : await runPhase(
            'members directly',
            cluster,
            signer,
            subscriberSpecs(
              (memberId) => cluster.memberUrl(memberId),
              (memberId) => ({ authorization: `Bearer ${directTokens.get(memberId)!.pop()}` }),
              DIRECT_QUERY,
            ),
            async () => {},
            memberPids,
          );
      if (direct) print(direct, 'members (6 processes)');

      const lossless = viaGateway.missing === 0 && viaGateway.duplicates === 0 && viaGateway.outOfOrder === 0 && viaGateway.exact === viaGateway.subscribers;
      const targets = [
        `zero loss: ${lossless ? 'MET' : 'MISSED'}`,
        `gateway p99 ≤ 250 ms: ${viaGateway.p99 <= 250 ? 'MET' : 'MISSED'} (${viaGateway.p99.toFixed(0)} ms)`,
        `gateway RSS ≤ 400 MB: ${viaGateway.process.maxRssMb <= 400 ? 'MET' : 'MISSED'} (${viaGateway.process.maxRssMb.toFixed(0)} MB)`,
        ...(direct ? [`members directly p99 ≤ 1 s: ${direct.p99 <= 1000 ? 'MET' : 'MISSED'} (${direct.p99.toFixed(0)} ms)`] : []),
      ];
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      console.log(`\nrun ${run} of ${RUNS} targets: ${targets.join('; ')}; load average ${load}`);
      summary.push({ run, gatewayP99: viaGateway.p99, lossless, gatewayRssMb: viaGateway.process.maxRssMb, directP99: direct?.p99 ?? null, load });
    }
    if (RUNS > 1 || warmUp) {
      console.log('\nall runs:');
      if (warmUp)
        console.log(
          `  warm-up (${WARMUP_SECONDS} s from the cluster's start, not counted): gateway p99 ${warmUp.p99.toFixed(0)} ms, first second p99 ${warmUp.firstSeconds[0]?.p99.toFixed(0) ?? 'n/a'} ms, ${warmUp.missing === 0 && warmUp.duplicates === 0 && warmUp.outOfOrder === 0 ? 'lossless' : 'LOSS'}`,
        );
      for (const r of summary)
        console.log(
          `  run ${r.run}: gateway p99 ${r.gatewayP99.toFixed(0)} ms, ${r.lossless ? 'lossless' : 'LOSS'}, gateway RSS ${r.gatewayRssMb.toFixed(0)} MB${r.directP99 === null ? '' : `, members directly p99 ${r.directP99.toFixed(0)} ms`}; load average ${r.load}`,
        );
      const met = summary.filter((r) => r.gatewayP99 <= 250 && r.lossless && r.gatewayRssMb <= 400).length;
      console.log(`gateway p99 ≤ 250 ms, lossless, RSS ≤ 400 MB in ${met} of ${RUNS} runs (goal: ${RUNS} of ${RUNS})`);
    }
  } finally {
    clientPool?.close();
    await cluster.dispose();
  }
}

await main();
