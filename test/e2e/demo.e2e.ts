import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@clustergraph/launcher';

// The README's first command as a user runs it: the demo on a clone that has no .data
// folder yet, on PGlite; one demo per data folder; Ctrl-C stops everything; a second start
// finds the data of the first. On free ports, so a demo running on this machine is left alone.

const demoDir = fileURLToPath(new URL('../../demo', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cg-e2e-demo-'));
const dataDir = join(root, 'clone', '.data', 'demo');
const running: ChildProcessWithoutNullStreams[] = [];

interface Demo {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<number | null>;
}

function startDemo(env: Record<string, string>): Demo {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: demoDir,
    env: { ...process.env, DEMO_DATA_DIR: dataDir, MEMBER_BASE_PORT: '0', ...env },
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Until the demo has printed its whole banner; fails at once with its output if it exits. */
async function untilUp(demo: Demo, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The banner's last line: the whole banner (URLs included) has been printed.
  while (!/is up in [\d.]+ s[\s\S]*Ctrl-C stops everything/.test(demo.output())) {
    if (demo.child.exitCode !== null) throw new Error(`the demo exited with ${demo.child.exitCode}:\n${demo.output()}`);
    if (Date.now() > deadline) throw new Error(`the demo is not up after ${timeoutMs / 1000} s:\n${demo.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function query<T>(origin: string, source: string, token?: string): Promise<T> {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: source }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

afterAll(async () => {
  // A demo left running by a failed assertion: Ctrl-C first, so it stops the services it
  // started (SIGKILL would orphan them), and SIGKILL only if it does not exit.
  for (const child of running.filter((c) => c.exitCode === null && c.signalCode === null)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(root, { recursive: true, force: true });
});

describe('pnpm start (the demo)', () => {
  it('starts on a fresh clone, refuses a second demo on its data, stops on Ctrl-C and keeps its data', async () => {
    const ports = { PORT: String(await freePort()), CLUSTER_PORT: String(await freePort()) };
    const origin = `http://127.0.0.1:${ports.PORT}`;
    const first = startDemo(ports);
    await untilUp(first);
    expect(first.output()).toContain(`${origin.replace('127.0.0.1', 'localhost')}/console/`);

    // Six firms through the gateway, the leader's seeded joint orders, the console.
    const { members } = await query<{ members: Array<{ id: string; roles: string[] }> }>(origin, '{ members { id roles } }');
    expect(members).toHaveLength(6);
    const { token } = (await (await fetch(`${origin}/auth/demo-token?user=admin@hanbit-ev`)).json()) as { token: string };
    const orders = async () => (await query<{ jointOrders: Array<{ id: string; code: string }> }>(origin, '{ jointOrders { id code } }', token)).jointOrders.map((o) => o.code).sort();
    const before = await orders();
    expect(before.length).toBeGreaterThan(0);
    const consolePage = await fetch(`${origin}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');

    // One demo per data folder: the second exits at once and says why.
    const second = startDemo({ PORT: String(await freePort()), CLUSTER_PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running on .*clone\/\.data\/demo/);

    // Ctrl-C stops every process and frees the folder.
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    await expect(fetch(`${origin}/health`)).rejects.toThrow();

    // Warm start on the same folder: the same orders are there, not seeded twice.
    const again = startDemo(ports);
    await untilUp(again);
    const { token: token2 } = (await (await fetch(`${origin}/auth/demo-token?user=admin@hanbit-ev`)).json()) as { token: string };
    expect((await query<{ jointOrders: Array<{ code: string }> }>(origin, '{ jointOrders { id code } }', token2)).jointOrders.map((o) => o.code).sort()).toEqual(before);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 300_000);
});
