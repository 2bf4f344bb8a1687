import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

async function serviceCommand(packageName: string): Promise<string[]> {
  if (serviceRunMode() === 'tsx') return ['--import', tsxLoader, join('src', 'main.ts')];
  return ['--enable-source-maps', await serviceBundle(packageDir(packageName))];
}

export interface ServiceProcessOptions {
  /** Short name used in logs, e.g. 'member casting-busan'. */
  name: string;
  packageName: string;
  env: Record<string, string>;
  /** Health URL polled until it answers 200. */
  healthUrl: string;
  logFile: string;
  /** Also echo the service's output to this stream, prefixed with its name. */
  echo?: NodeJS.WritableStream | undefined;
}

/** One service (gateway, cluster or member subgraph) as a separate Node process running its main.ts. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exitPromise: Promise<number | null> | null = null;

  constructor(readonly options: ServiceProcessOptions) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) return;
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    const child = spawn(process.execPath, await serviceCommand(this.options.packageName), {
      cwd: packageDir(this.options.packageName),
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exitPromise = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const forward = (chunk: Buffer) => {
      this.log?.write(chunk);
      if (this.options.echo) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) this.options.echo.write(`[${this.options.name}] ${line}\n`);
      }
    };
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    await this.waitHealthy(timeoutMs);
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.options.name} exited during start-up; see ${this.options.logFile}`);
      try {
        const res = await fetch(this.options.healthUrl, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${this.options.name} did not become healthy within ${timeoutMs} ms; see ${this.options.logFile}`);
  }

  /** Graceful stop: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.child || !this.running) return this.closeLog();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
    this.closeLog();
  }

  /** A crash: SIGKILL, no clean-up (for failure tests). */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exitPromise;
    this.closeLog();
  }

  private closeLog(): void {
    this.log?.end();
    this.log = null;
  }
}
