// `pnpm bench:abuse` (issue 13): a test cluster (gateway, cluster subgraph, three members as
// processes) with the gateway's default limits. Measures
//  1. the time to refusal of the 299-byte nested members/lines query and of 1,000 aliased
//     `lines { id }` (goal ≤ 50 ms), from the client's side, over HTTP;
//  2. a normal query's latency (the console's Lines query, one every 40 ms) quiet, and while an
//     attacker — another user, another firm — sends abusive queries at the per-user rate limit
//     (goal: p99 within 2× the quiet p99).
import { loadavg } from 'node:os';
import { NORMAL_QUERY, aliasedLinesQuery, nestedMembersQuery, startTestCluster } from '@clustergraph/test';

const REFUSALS = 30;
const NORMAL_RUNS = Number(process.env['NORMAL_RUNS'] ?? 250);
const NORMAL_EVERY_MS = 40;
const ATTACK_RATE = Number(process.env['ATTACK_RATE'] ?? 50); // = RATE_LIMIT_USER_PER_SECOND's default

const cluster = await startTestCluster({ gatewayEnv: { EXPOSE_ERRORS: 'false', LOG_LEVEL: 'warn' } });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function post(query: string, token: string, purpose?: string): Promise<{ ms: number; status: number; code: string | undefined }> {
  const started = performance.now();
  const res = await fetch(cluster.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(purpose ? { 'x-clustergraph-purpose': purpose } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { ms: performance.now() - started, status: res.status, code: body.errors?.[0]?.extensions?.code };
}

try {
  const attacker = await cluster.token('admin@cast');
  const reader = await cluster.token('admin@lead');
  const nested = nestedMembersQuery();
  const aliases = aliasedLinesQuery(1000);

  // 1. Time to refusal (sequential, well under the rate limit).
  // `unique`: a comment makes each text new, so none is answered from the refusal cache.
  const refusal = async (query: string, unique = false) => {
    const times: number[] = [];
    const codes = new Set<string>();
    for (let i = 0; i < REFUSALS + 5; i++) {
      const r = await post(unique ? `${query}\n# ${i} ${Math.random()}` : query, attacker);
      if (r.status !== 400) throw new Error(`expected a refusal, got HTTP ${r.status} ${r.code}`);
      codes.add(r.code ?? '?');
      if (i >= 5) times.push(r.ms);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { median: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times), codes: [...codes].join(',') };
  };
  const nestedRefusal = await refusal(nested);
  const aliasRefusal = await refusal(aliases);
  const nestedFresh = await refusal(nested, true);
  const aliasFresh = await refusal(aliases, true);

  // 2. A normal query, paced, quiet and under attack.
  const normalRun = async () => {
    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < NORMAL_RUNS; i++) {
      const next = performance.now() + NORMAL_EVERY_MS;
      const r = await post(NORMAL_QUERY, reader, 'MONITORING');
      if (r.status !== 200 || r.code) failures++;
      times.push(r.ms);
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99), failures };
  };
  for (let i = 0; i < 20; i++) await post(NORMAL_QUERY, reader, 'MONITORING'); // warm-up
  const quiet = await normalRun();

  const attack = { sent: 0, refused400: 0, refused429: 0, other: 0 };
  const abusive = [nested, aliases, 'query Wide { members { lines { recentEvents(limit: 1000) { seq } } } }'];
  const inFlight = new Set<Promise<void>>();
  const attackTimer = setInterval(() => {
    const query = abusive[attack.sent % abusive.length]!;
    attack.sent++;
    const p = post(query, attacker).then((r) => {
      if (r.status === 400) attack.refused400++;
      else if (r.status === 429) attack.refused429++;
      else attack.other++;
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }, 1000 / ATTACK_RATE);
  const attacked = await normalRun();
  clearInterval(attackTimer);
  await Promise.all(inFlight);

  const [load1] = loadavg();
  console.log(`\nbench:abuse — ${cluster.driver}, 3 members, load average ${load1!.toFixed(2)} on this machine\n`);
  console.log('time to refusal (HTTP round trip, client side; goal ≤ 50 ms)');
  const line = (name: string, r: typeof nestedRefusal) =>
    console.log(`  ${name.padEnd(40)} median ${fmt(r.median)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}  (${r.codes})`);
  line('299-byte nested query, repeated', nestedRefusal);
  line('299-byte nested query, each text new', nestedFresh);
  line('1,000-alias query, repeated', aliasRefusal);
  line('1,000-alias query, each text new', aliasFresh);
  console.log(`normal query (${NORMAL_RUNS} × Lines, one every ${NORMAL_EVERY_MS} ms)`);
  console.log(`  quiet                   p50 ${fmt(quiet.p50)}  p99 ${fmt(quiet.p99)}  failures ${quiet.failures}`);
  console.log(`  under attack            p50 ${fmt(attacked.p50)}  p99 ${fmt(attacked.p99)}  failures ${attacked.failures}`);
  console.log(`  p99 ratio               ${(attacked.p99 / quiet.p99).toFixed(2)}×   goal ≤ 2×`);
  console.log(
    `attacker at ${ATTACK_RATE}/s: ${attack.sent} sent, ${attack.refused400} refused by a limit (400), ${attack.refused429} rate limited (429), ${attack.other} other`,
  );
} finally {
  await cluster.dispose();
}
