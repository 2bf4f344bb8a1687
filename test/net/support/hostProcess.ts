import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { getHealth, packageDir, serviceBundle, serviceNodeFlags } from '@clustergraph/launcher';
import type { NetHost } from './hosts.ts';

export interface HostProcessOptions {
  /** e.g. 'gateway gw-a', 'member sejin-heat'. */
  name: string;
  /** Workspace package of the service, e.g. '@clustergraph/gateway'. */
  packageName: string;
  host: NetHost;
  port: number;
  env: Record<string, string>;
  logFile: string;
}

/**
 * A service (its esbuild bundle, as the launcher runs it) inside a test host's network
 * namespace: `ip netns exec <netns> node …` (ip execs node, so the pid is node's).
 */
export class HostProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exited: Promise<void> = Promise.resolve();
  pid: number | undefined;

  constructor(readonly options: HostProcessOptions) {}

  /** http://<host address>:<port>: reachable from the root namespace (not from other hosts). */
  get origin(): string {
    return `http://${this.options.host.address}:${this.options.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 180_000): Promise<void> {
    const { options } = this;
    mkdirSync(dirname(options.logFile), { recursive: true });
    const bundle = await serviceBundle(packageDir(options.packageName));
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    const child = spawn(
      'ip',
      ['netns', 'exec', options.host.netns, process.execPath, ...serviceNodeFlags(options.packageName), '--enable-source-maps', bundle],
      {
        cwd: packageDir(options.packageName),
        env: { ...process.env, HOST: '0.0.0.0', PORT: String(options.port), ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.pid = child.pid;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout!.on('data', (chunk: Buffer) => this.log?.write(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.log?.write(chunk));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${options.name} exited during start-up; see ${options.logFile}`);
      const health = await getHealth(`${this.origin}/health`);
      if (health && health['pid'] === this.pid) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${options.name} did not become healthy within ${timeoutMs} ms; see ${options.logFile}`);
  }

  /** SIGTERM, then SIGKILL after graceMs. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return this.closeLog();
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.closeLog();
  }

  /** A crash: SIGKILL, nothing cleaned up. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
    this.closeLog();
  }

  private closeLog(): void {
    this.log?.end();
    this.log = null;
  }
}
