import { createServer } from 'node:net';

/** A port the OS says is free now (services are then started on it, so a restart keeps its address). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
