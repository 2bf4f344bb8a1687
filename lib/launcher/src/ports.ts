import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Ports handed out lie below Linux's ephemeral range (32768–60999): a port the kernel gives to `listen(0)` or to an outgoing connection can never be one of ours. */
const PORT_RANGE = { from: 20_000, to: 32_000 } as const;
/** Reservations, one file per port, shared by every process on the machine (parallel test projects, a demo). */
const RESERVATIONS = join(tmpdir(), 'clustergraph-ports');
/** A reservation protects a port until its service has bound it; after this it is stale. */
const RESERVATION_TTL_MS = 10 * 60_000;

/**
 * A free port for a service that starts later (a restart keeps its address). Not the kernel's
 * `listen(0)`: that port is free again once probed, and a test elsewhere could get it from the
 * kernel before our service binds. Instead a random port below the ephemeral range, reserved
 * machine-wide (a file created exclusively) so that no other cluster picks it, and bound for a
 * moment to see that nothing listens there.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (!reserve(port)) continue;
    if ((await portAvailable(port, host)).free) return port;
  }
  throw new Error(`no free port between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}

function reserve(port: number): boolean {
  mkdirSync(RESERVATIONS, { recursive: true });
  const file = join(RESERVATIONS, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(file).mtimeMs < RESERVATION_TTL_MS) return false;
        rmSync(file, { force: true });
      } catch {
        return false;
      }
    }
  }
  return false;
}

/**
 * Whether `port` can be listened on at `host` now: binds it for a moment, exactly as the
 * service would. A process on the wildcard address (or another loopback listener) makes
 * the bind fail with EADDRINUSE; a port below 1024 without privileges with EACCES.
 */
export function portAvailable(port: number, host = '127.0.0.1'): Promise<{ free: true } | { free: false; code: string }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ free: false, code: error.code ?? error.message }));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve({ free: true })));
  });
}

/** A fixed port a service of the cluster wants, named for the message when it is taken. */
export interface WantedPort {
  port: number;
  /** What would listen there, e.g. 'gateway', 'member sejin-heat'. */
  service: string;
}

/** Thrown by launchCluster before it starts anything, when fixed ports are taken. */
export class PortsInUseError extends Error {
  constructor(readonly taken: Array<WantedPort & { code: string }>) {
    super(`port${taken.length > 1 ? 's' : ''} not available: ${taken.map((t) => `${t.port} (${t.service}: ${t.code})`).join(', ')}`);
    this.name = 'PortsInUseError';
  }
}

/** Checks every wanted port (and that none is wanted twice); throws PortsInUseError naming each that is taken. */
export async function checkPorts(wanted: WantedPort[], host = '127.0.0.1'): Promise<void> {
  const taken: Array<WantedPort & { code: string }> = [];
  const seen = new Map<number, string>();
  for (const want of wanted) {
    const other = seen.get(want.port);
    if (other !== undefined) {
      taken.push({ ...want, code: `also wanted by ${other}` });
      continue;
    }
    seen.set(want.port, want.service);
    const result = await portAvailable(want.port, host);
    if (!result.free) taken.push({ ...want, code: result.code });
  }
  if (taken.length > 0) throw new PortsInUseError(taken);
}
