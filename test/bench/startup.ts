// `pnpm bench:startup`: how long `pnpm start` takes, the command itself as a user types it —
// the web console build it runs first, then the demo — until the gateway answers a query for
// all six members. Fresh: as on a fresh clone (no service bundles, no data folder); warm: the
// same data folder again, bundles built. Prints the phases: console build (until the demo's
// first line), the demo's own "is up in" figure, and the total. On free ports and a data
// folder of its own, so a running demo is left alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, packageDir } from '@clustergraph/launcher';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.env['WARM_RUNS'] ?? 2);
const SERVICES = ['@clustergraph/gateway', '@clustergraph/member-subgraph', '@clustergraph/cluster-subgraph'];

async function gatewayAnswers(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/graphql`, {
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

interface Timing {
  consoleBuild: number;
  reported: number;
  observed: number;
}

async function startOnce(dataDir: string): Promise<Timing> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // `pnpm start` in its own process group, stopped as a terminal's Ctrl-C would (the group).
  const child = spawn('pnpm', ['start'], {
    cwd: repo,
    env: { ...process.env, DEMO_DATA_DIR: dataDir, PORT: String(port), CLUSTER_PORT: String(await freePort()), MEMBER_BASE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let consoleBuilt = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (!consoleBuilt && output.includes('ClusterGraph demo: starting')) consoleBuilt = performance.now();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (!/is up in ([\d.]+) s/.test(output)) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited:\n${output}`);
      if (performance.now() - started > 600_000) throw new Error(`demo not up after 600 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    while (!(await gatewayAnswers(origin))) await new Promise((r) => setTimeout(r, 100));
    const observed = performance.now() - started;
    return { consoleBuild: consoleBuilt - started, reported: Number(/is up in ([\d.]+) s/.exec(output)![1]) * 1000, observed };
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-startup-'));
try {
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const line = (what: string, t: Timing) =>
    console.log(
      `${what}: pnpm start until the gateway answers for all 6 members ${fmt(t.observed)} (console build ${fmt(t.consoleBuild)}, then the demo reports "up in" ${fmt(t.reported)})`,
    );
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (2 cores)`,
  );
  // A fresh clone has no service bundles: remove them, so the first start builds them as it would there.
  for (const pkg of SERVICES) rmSync(join(packageDir(pkg), '.bundle'), { recursive: true, force: true });
  line('fresh (no bundles, no data folder)', await startOnce(join(dataDir, 'demo')));
  for (let i = 1; i <= runs; i++) line(`warm ${i}`, await startOnce(join(dataDir, 'demo')));
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
