import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { getHealth, portAvailable } from '@clustergraph/launcher';
import { demoPort, startDemo, stopDemos, untilOutput, untilUp, type DemoProcess } from './support/demoProcess.ts';

// The README's first command as a user runs it: the demo on a clone that has no .data
// folder yet, on PGlite; the banner's Try: command pasted as printed; one demo per data
// folder and per port (a second one starts nothing); a member killed is said and restarted;
// Ctrl-C stops everything; a second start finds the data of the first, on a port fetch()
// refuses (6000 and the other WHATWG "bad ports"). On free ports, so a demo running on this
// machine is left alone.

const root = mkdtempSync(join(tmpdir(), 'cg-e2e-demo-'));
const dataDir = join(root, 'clone', '.data', 'demo');
const run = promisify(execFile);

/** POST /graphql over node:http (fetch() refuses the bad ports the warm start uses). */
function query<T>(origin: string, source: string, token?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(body) as { data?: T; errors?: unknown[] };
          if (parsed.errors) reject(new Error(JSON.stringify(parsed.errors)));
          else resolve(parsed.data!);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: source }));
  });
}

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body) as T));
    });
    req.on('error', reject);
    req.end();
  });
}

const tokenOf = async (origin: string, user: string) => (await getJson<{ token: string }>(`${origin}/auth/demo-token?user=${user}`)).token;

/** The banner's Try: commands exactly as printed (indented lines after "Try", up to the blank line). */
function tryCommands(output: string): string {
  const all = output.split('\n');
  const lines = all.slice(all.findIndex((l) => l.startsWith('Try')) + 1);
  const start = lines.findIndex((l) => l.trim() !== '');
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines
    .slice(start, end)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
}

/** A port undici's fetch() refuses outright (WHATWG "bad port") that is free here, or null. */
async function freeBadPort(): Promise<number | null> {
  for (const port of [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080]) if ((await portAvailable(port)).free) return port;
  return null;
}

afterAll(async () => {
  await stopDemos();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('pnpm start (the demo)', () => {
  it('starts on a fresh clone, answers its banner, refuses a second demo, restarts a killed member, stops on Ctrl-C and keeps its data', async () => {
    const ports = { PORT: String(await demoPort()), CLUSTER_PORT: String(await demoPort()) };
    const origin = `http://127.0.0.1:${ports.PORT}`;
    const first = startDemo({ DEMO_DATA_DIR: dataDir, ...ports });
    await untilUp(first);
    expect(first.output()).toContain(`${origin.replace('127.0.0.1', 'localhost')}/console/`);

    // The banner's Try: pasted into a shell as printed: data, and not one error.
    const commands = tryCommands(first.output());
    expect(commands).toMatch(/auth\/demo-token\?user=planner@hanbit-ev/);
    const { stdout } = await run('bash', ['-c', `set -e -o pipefail\n${commands}`], { timeout: 60_000 });
    const tried = JSON.parse(stdout) as { data?: { members: Array<{ id: string; capacity: unknown[] }> }; errors?: unknown[] };
    expect(tried.errors).toBeUndefined();
    expect(tried.data!.members).toHaveLength(6);
    for (const m of tried.data!.members) expect(m.capacity.length, m.id).toBeGreaterThan(0);

    // Six firms through the gateway, the leader's seeded joint orders, the console.
    const { members } = await query<{ members: Array<{ id: string; roles: string[] }> }>(origin, '{ members { id roles } }');
    expect(members).toHaveLength(6);
    const token = await tokenOf(origin, 'admin@hanbit-ev');
    const orders = async (at: string, t: string) =>
      (await query<{ jointOrders: Array<{ id: string; code: string }> }>(at, '{ jointOrders { id code } }', t)).jointOrders.map((o) => o.code).sort();
    const before = await orders(origin, token);
    expect(before.length).toBeGreaterThan(0);
    const consolePage = await fetch(`${origin}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');

    // One demo per data folder: the second exits at once and says why.
    const second = startDemo({ DEMO_DATA_DIR: dataDir, PORT: String(await demoPort()), CLUSTER_PORT: String(await demoPort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running on .*clone\/\.data\/demo/);

    // Another data folder on the same PORT: refused before anything starts, naming the port
    // and the setting. (It used to print "demo is up": the first demo's gateway answered.)
    const otherDir = join(root, 'other', 'demo');
    const otherCluster = await demoPort();
    const third = startDemo({ DEMO_DATA_DIR: otherDir, PORT: ports.PORT, CLUSTER_PORT: String(otherCluster) });
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(`port ${ports.PORT} for the gateway is in use`);
    expect(third.output()).toMatch(/set PORT to a free port/);
    expect(third.output()).toContain('Nothing was started.');
    expect(third.output()).not.toMatch(/is up in/);
    expect(existsSync(join(otherDir, 'logs'))).toBe(false); // no service ever started
    expect((await portAvailable(otherCluster)).free).toBe(true);
    // …and the same for a member's port the first demo holds.
    const sejinUrl = /member sejin-heat\s+(http:\/\/\S+)\/graphql/.exec(first.output())![1]!;
    const sejinPort = Number(new URL(sejinUrl).port);
    const fourth = startDemo({
      DEMO_DATA_DIR: otherDir,
      PORT: String(await demoPort()),
      CLUSTER_PORT: String(await demoPort()),
      MEMBER_BASE_PORT: String(sejinPort - 2),
    });
    expect(await fourth.exited).toBe(1);
    expect(fourth.output()).toContain(`port ${sejinPort} for the member sejin-heat is in use`);
    expect(fourth.output()).toMatch(/set MEMBER_BASE_PORT/);

    // A member's process killed: the demo says so, restarts it, and the gateway reaches it again.
    const health = await getHealth(`${sejinUrl}/health`);
    const oldPid = health!['pid'] as number;
    expect(oldPid).toBeGreaterThan(0);
    process.kill(oldPid, 'SIGKILL');
    await untilOutput(first, /member sejin-heat \(Sejin Heat Treatment\) died \(signal SIGKILL\); restarting it in 1 s/, 30_000, 'the crash message');
    await untilOutput(first, /member sejin-heat \(Sejin Heat Treatment\) is back \(pid \d+\)/, 240_000, 'the restart message');
    const newPid = (await getHealth(`${sejinUrl}/health`))!['pid'];
    expect(newPid).not.toBe(oldPid);
    const sejinToken = await tokenOf(origin, 'admin@sejin-heat');
    const { member } = await query<{ member: { id: string; lines: Array<{ id: string }> } }>(
      origin,
      '{ member(id: "sejin-heat") { id lines { id } } }',
      sejinToken,
    );
    expect(member.lines.map((l) => l.id).sort()).toEqual(['furnace-a', 'furnace-b']);

    // Ctrl-C stops every process (none restarted) and frees the folder.
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output().slice(first.output().indexOf('SIGINT: stopping'))).not.toMatch(/died|is back/);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    await expect(fetch(`${origin}/health`)).rejects.toThrow();
    expect(await getHealth(`${sejinUrl}/health`)).toBeNull();

    // Warm start on the same folder, on a port fetch() refuses when one is free here: the
    // launcher's health check still sees its gateway; the same orders are there, not seeded twice.
    const badPort = await freeBadPort();
    const warmPorts = { ...ports, ...(badPort ? { PORT: String(badPort) } : {}) };
    const warmOrigin = `http://127.0.0.1:${warmPorts.PORT}`;
    const again: DemoProcess = startDemo({ DEMO_DATA_DIR: dataDir, ...warmPorts });
    await untilUp(again);
    expect(await orders(warmOrigin, await tokenOf(warmOrigin, 'admin@hanbit-ev'))).toEqual(before);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 900_000);
});
