import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serviceBundle } from './bundle.ts';

const require = createRequire(import.meta.url);

/** Folder of a workspace service package, e.g. '@clustergraph/gateway'. */
export function packageDir(name: string): string {
  return dirname(dirname(require.resolve(name)));
}

const tsxLoader = require.resolve('tsx');

/**
 * How a service's code is run: 'bundle' (default) runs its esbuild bundle, rebuilt when
 * stale; 'tsx' (CLUSTERGRAPH_RUN=tsx) runs src/main.ts through tsx, for debugging.
 */
export const serviceRunMode = (): 'bundle' | 'tsx' => (process.env['CLUSTERGRAPH_RUN'] === 'tsx' ? 'tsx' : 'bundle');

/**
 * V8 flags the services run with (the Containerfile's CMDs and test/net's hosts say the same).
 * `--no-memory-reducer`, every service: V8's memory reducer compacts the whole heap of a process
 * that has had no full collection for 100 s (its watchdog), whether or not memory is short.
 * Processes started together (a cluster on one machine) then all compact at the same moment,
 * ~100 s after start and again 100 s after each later full collection: on the live bench every
 * member, the cluster subgraph and the gateway took 120–300 ms each at once, and live events
 * waited up to a second behind them. (`v8.setFlagsFromString` cannot turn it off once the process
 * runs: tried.)
 * `--heap-growing-percent=50`, the gateway: without the reducer nothing shrinks a heap, and V8's
 * own growth factor (up to 4× what the last full collection left) let the gateway's RSS climb
 * ~18 MB a minute under bench:live toward its 400 MB budget; its next full collection now comes
 * at 1.5× the live heap (8–39 ms each). The subgraphs keep V8's factor: their full collections
 * stay rare, and six members with the same load reach them in the same second.
 */
const SERVICE_NODE_FLAGS: Record<string, readonly string[]> = {
  '@clustergraph/gateway': ['--no-memory-reducer', '--heap-growing-percent=50'],
};
const DEFAULT_SERVICE_NODE_FLAGS = ['--no-memory-reducer'] as const;

/** The V8 flags a service package runs with. */
export function serviceNodeFlags(packageName: string): readonly string[] {
  return SERVICE_NODE_FLAGS[packageName] ?? DEFAULT_SERVICE_NODE_FLAGS;
}

async function serviceCommand(packageName: string, entry = 'src/main.ts'): Promise<string[]> {
  if (serviceRunMode() === 'tsx') return [...serviceNodeFlags(packageName), '--import', tsxLoader, entry];
  return [...serviceNodeFlags(packageName), '--enable-source-maps', await serviceBundle(packageDir(packageName), entry)];
}

export interface ServiceProcessOptions {
  /** Short name used in logs, e.g. 'member casting-busan'. */
  name: string;
  packageName: string;
  /** The package's entry point (default src/main.ts; the member host is src/hostMain.ts). */
  entry?: string;
  env: Record<string, string>;
  /** Health URL polled until it answers 200. */
  healthUrl: string;
  logFile: string;
  /** Also echo the service's output to this stream, prefixed with its name. */
  echo?: NodeJS.WritableStream | undefined;
}

/** How a service process ended: its exit code, or the signal that ended it. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() or kill() asked for it; false for a crash or an exit of its own. */
  requested: boolean;
}

/**
 * GET a service's /health with node:http. Not fetch(): undici refuses the WHATWG "bad ports"
 * (6000, 6665–6669, …) outright, so `PORT=6000 pnpm start` would never see its gateway.
 * Resolves the JSON body of a 200 answer, or null for anything else.
 */
export function getHealth(url: string, timeoutMs = 1000): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const req = httpGet(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 1_000_000) req.destroy(); // a health answer is small; this is not one
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(null);
        try {
          const parsed = JSON.parse(body) as unknown;
          resolve(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null);
        } catch {
          resolve(null);
        }
      });
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** One service (gateway, cluster or member subgraph) as a separate Node process running its main.ts. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exitPromise: Promise<number | null> | null = null;
  private stopRequested = false;
  private readonly exitListeners = new Set<(exit: ServiceExit) => void>();

  constructor(readonly options: ServiceProcessOptions) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the process and waits until it is healthy; `signal` gives up the wait (the caller stops it). */
  async start(timeoutMs = 60_000, signal?: AbortSignal): Promise<void> {
    if (this.running) return;
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    this.closeLog(); // a restart after a crash: the previous run's stream
    this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    this.stopRequested = false;
    const child = spawn(process.execPath, await serviceCommand(this.options.packageName, this.options.entry), {
      cwd: packageDir(this.options.packageName),
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code);
        const exit: ServiceExit = { code, signal, requested: this.stopRequested };
        for (const listener of this.exitListeners) listener(exit);
      }),
    );
    const forward = (chunk: Buffer) => {
      this.log?.write(chunk);
      if (this.options.echo) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) this.options.echo.write(`[${this.options.name}] ${line}\n`);
      }
    };
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    await this.waitHealthy(timeoutMs, signal);
  }

  /** Called whenever the process exits (a crash, or a requested stop: see `requested`). */
  onExit(listener: (exit: ServiceExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /**
   * Until this process's /health answers. The answer must carry this child's pid: another
   * process on the port (a second demo's gateway, say) answering 200 is not this service
   * being up, and its own process may be dying of EADDRINUSE meanwhile.
   */
  private async waitHealthy(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let stranger: unknown;
    while (Date.now() < deadline) {
      if (signal?.aborted) throw new Error(`${this.options.name}: start-up cancelled`);
      if (!this.running) {
        const why = stranger !== undefined ? ` (another process, pid ${String(stranger)}, answers on ${this.options.healthUrl})` : '';
        throw new Error(`${this.options.name} exited during start-up${why}; see ${this.options.logFile}`);
      }
      const health = await getHealth(this.options.healthUrl);
      if (health) {
        if (health['pid'] === this.pid) return;
        stranger = health['pid'] ?? 'unknown';
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    const why = stranger !== undefined ? `: another process (pid ${String(stranger)}) answers on ${this.options.healthUrl}` : '';
    throw new Error(`${this.options.name} did not become healthy within ${timeoutMs} ms${why}; see ${this.options.logFile}`);
  }

  /** Graceful stop: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.child || !this.running) return this.closeLog();
    this.stopRequested = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
    this.closeLog();
  }

  /** A crash: SIGKILL, no clean-up (for failure tests). */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.stopRequested = true;
    this.child.kill('SIGKILL');
    await this.exitPromise;
    this.closeLog();
  }

  private closeLog(): void {
    this.log?.end();
    this.log = null;
  }
}
