// `pnpm bench:startup`: how long `pnpm start` takes to bring the demo cluster up, cold (a
// fresh data folder: PGlite folders from the template, seeding) and warm (the same folder
// again), measured from the demo's own "is up in" line and from the outside (process start
// to the gateway answering a query). Uses the demo's fixed ports, so stop a running demo
// first. Service bundles are built before the first run (as `pnpm start` would on a fresh
// clone; the build time is printed separately).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir, serviceBundle } from '@clustergraph/launcher';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.env['WARM_RUNS'] ?? 2);

async function bundles(): Promise<number> {
  const started = performance.now();
  for (const pkg of ['@clustergraph/gateway', '@clustergraph/member-subgraph', '@clustergraph/cluster-subgraph']) await serviceBundle(packageDir(pkg));
  return performance.now() - started;
}

async function gatewayAnswers(): Promise<boolean> {
  try {
    const res = await fetch('http://127.0.0.1:4000/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ members { id } }' }),
      signal: AbortSignal.timeout(2000),
    });
    return res.ok && ((await res.json()) as { data?: { members?: unknown[] } }).data?.members?.length === 6;
  } catch {
    return false;
  }
}

async function startOnce(dataDir: string): Promise<{ reported: number; observed: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(repo, 'demo'),
    env: { ...process.env, DEMO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (!/is up in ([\d.]+) s/.test(output)) {
      if (child.exitCode !== null) throw new Error(`demo exited:\n${output}`);
      if (performance.now() - started > 180_000) throw new Error(`demo not up after 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    while (!(await gatewayAnswers())) await new Promise((r) => setTimeout(r, 100));
    const observed = performance.now() - started;
    return { reported: Number(/is up in ([\d.]+) s/.exec(output)![1]) * 1000, observed };
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-startup-'));
try {
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores)`);
  console.log(`service bundles (esbuild, only when sources changed): ${fmt(await bundles())}`);
  const cold = await startOnce(join(dataDir, 'demo'));
  console.log(`cold start (fresh data folder): demo reports ${fmt(cold.reported)}, gateway answers all 6 members after ${fmt(cold.observed)}`);
  for (let i = 1; i <= runs; i++) {
    const warm = await startOnce(join(dataDir, 'demo'));
    console.log(`warm start ${i}: demo reports ${fmt(warm.reported)}, gateway answers all 6 members after ${fmt(warm.observed)}`);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
