/**
 * `pnpm bench:federation` (issue 16): The Guild's federation benchmark topology (accounts,
 * inventory, products, reviews; test/bench/federation/topology.ts) served from one process,
 * stock @apollo/gateway 2.14 and ClusterGraph's gateway in general mode each in its own
 * process on the same supergraph. The answers are compared first; then each gateway alone
 * takes autocannon's 50 connections for BENCH_SECONDS (default 15) after a warm-up:
 * requests/s, latency p50/p99, and the gateway process's CPU per request (/proc/<pid>/stat).
 * BENCH_PROFILE=1 writes a V8 CPU profile of each gateway to .data/bench-profiles/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { composeSupergraph } from '../src/federation/harness.ts';
import { BENCH_QUERY, BENCH_SUBGRAPHS } from './federation/topology.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const seconds = Number(process.env['BENCH_SECONDS'] ?? 15);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const profile = process.env['BENCH_PROFILE'] === '1';
const profileDir = join(root, '.data/bench-profiles');
const GOALS = { speedup: 3, cpuMsPerRequest: 7 };
const TICKS_PER_SECOND = 100;
const WARMUP_REQUESTS = 30;

const children: ChildProcess[] = [];
function start(script: string, env: Record<string, string>, name: string): { child: ChildProcess; ready: Promise<string> } {
  const args = ['--import', 'tsx', ...(profile ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, name)] : []), script];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const ready = new Promise<string>((resolvePromise, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        try {
          const parsed = JSON.parse(line) as { ready?: unknown; msg?: string; url?: string };
          if (parsed.ready) resolvePromise(typeof parsed.ready === 'string' ? parsed.ready : JSON.stringify(parsed.ready));
          if (parsed.msg?.startsWith('gateway listening') && parsed.url) resolvePromise(parsed.url);
        } catch {
          // not a JSON line
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, ready };
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function post(url: string): Promise<{ status: number; body: unknown; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: BENCH_QUERY }) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  cpuMs: number;
  errors: number;
}

async function load(url: string, pid: number): Promise<Figures> {
  const options = {
    url,
    connections,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: BENCH_QUERY }),
    timeout: 60,
  };
  // Warm-up one at a time (JIT, plan cache) so that nothing is still in flight when the measured run starts.
  for (let i = 0; i < WARMUP_REQUESTS; i++) await post(url);
  const before = cpuTicks(pid);
  const result = await autocannon({ ...options, duration: seconds });
  const ticks = cpuTicks(pid) - before;
  const requests = result.requests.total;
  if (requests === 0)
    console.error(
      JSON.stringify({
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statusCodeStats: result.statusCodeStats,
        latency: result.latency,
        requests: result.requests,
      }),
    );
  return {
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: requests > 0 ? ((ticks / TICKS_PER_SECOND) * 1000) / requests : NaN,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

try {
  if (profile) mkdirSync(profileDir, { recursive: true });
  const subgraphs = start(join(here, 'federation/subgraphServer.ts'), {}, 'subgraphs');
  const urls = JSON.parse(await subgraphs.ready) as Record<string, string>;
  const supergraphSdl = composeSupergraph(BENCH_SUBGRAPHS.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: urls[s.name]! })));
  const supergraphFile = join(mkdtempSync(join(tmpdir(), 'cg-bench-fed-')), 'supergraph.graphql');
  writeFileSync(supergraphFile, supergraphSdl);

  const stock = start(join(here, 'federation/stockGateway.ts'), { SUPERGRAPH_FILE: supergraphFile, PORT: '0', NODE_ENV: 'production' }, 'stock-apollo-gateway');
  const ours = start(
    join(root, 'gateway/src/main.ts'),
    { SUPERGRAPH_FILE: supergraphFile, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    'clustergraph-gateway',
  );
  const [stockUrl, oursUrl] = await Promise.all([stock.ready, ours.ready]);

  const [stockAnswer, oursAnswer] = [await post(stockUrl), await post(oursUrl)];
  const same = stockAnswer.status === oursAnswer.status && isDeepStrictEqual(stockAnswer.body, oursAnswer.body);
  console.log(
    `answers: ${same ? 'identical' : 'DIFFERENT'} (${(stockAnswer.bytes / 1024).toFixed(1)} KB from stock, ${(oursAnswer.bytes / 1024).toFixed(1)} KB from ours)`,
  );
  if (!same || (stockAnswer.body as { errors?: unknown }).errors) {
    console.error('the gateways do not give the same error-free answer; no figures');
    process.exitCode = 1;
  } else {
    const stockFigures = await load(stockUrl, stock.child.pid!);
    const oursFigures = await load(oursUrl, ours.child.pid!);
    const row = (name: string, f: Figures) =>
      `| ${name} | ${f.rps.toFixed(1)} | ${f.p50} ms | ${f.p99} ms | ${f.cpuMs.toFixed(2)} ms |${f.errors ? ` ${f.errors} errors` : ''}`;
    console.log(
      `\n${connections} connections, ${seconds} s each, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('| gateway | requests/s | p50 | p99 | gateway CPU / request |');
    console.log('|---|---|---|---|---|');
    console.log(row('stock @apollo/gateway 2.14', stockFigures));
    console.log(row('ClusterGraph (general mode)', oursFigures));
    const speedup = oursFigures.rps / stockFigures.rps;
    console.log(
      `\nspeed-up ${speedup.toFixed(2)}× (goal ≥ ${GOALS.speedup}×: ${speedup >= GOALS.speedup ? 'met' : 'not met'}); ` +
        `CPU ${oursFigures.cpuMs.toFixed(2)} ms/request (goal ≤ ${GOALS.cpuMsPerRequest} ms: ${oursFigures.cpuMs <= GOALS.cpuMsPerRequest ? 'met' : 'not met'})`,
    );
  }
} finally {
  // SIGINT lets a profiled process write its profile on the way out.
  for (const child of children.reverse()) child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, profile ? 3000 : 500));
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
