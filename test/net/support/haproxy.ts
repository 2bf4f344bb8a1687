import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** Installs Debian's haproxy when it is missing (root). */
export function ensureHaproxy(): void {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'haproxy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    // Debian's package may start its own instance (port 80 config); ours runs from its own file.
    execFileSync('sh', ['-c', 'invoke-rc.d haproxy stop >/dev/null 2>&1 || true']);
  }
}

export interface GatewayBalancerOptions {
  dir: string;
  /** Addresses HAProxy listens on, e.g. ['127.0.0.1:4400', '10.231.3.1:4400']. */
  binds: string[];
  /** Gateway replicas: name → host:port. */
  servers: Record<string, string>;
}

/**
 * Two (or more) gateway replicas behind one address. Long-lived graphql-ws sockets go to
 * the replica with the fewest; /ready is the health check (a replica whose routing table is
 * not loaded takes no new clients); a connection a replica refuses is retried on the other
 * (redispatch on every retry), and a replica that fails 2 checks (1 s apart) is taken out.
 */
export class GatewayBalancer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly socketPath: string;
  readonly configFile: string;

  constructor(readonly options: GatewayBalancerOptions) {
    this.socketPath = join(options.dir, 'haproxy.sock');
    this.configFile = join(options.dir, 'haproxy.cfg');
  }

  config(): string {
    const { binds, servers } = this.options;
    return [
      'global',
      '  maxconn 8000',
      `  stats socket ${this.socketPath} mode 600 level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // graphql-ws sockets: idle between events is normal; the gateway and clients ping.
      '  timeout tunnel 1h',
      '  timeout http-request 10s',
      // A refused connection is tried again on the other replica at once, not on the dead one.
      '  option redispatch 1',
      // The client's address for the gateways' per-address rate limit (they trust HAProxy's, TRUSTED_PROXIES).
      '  option forwardfor',
      '  retries 3',
      'frontend clustergraph',
      ...binds.map((bind) => `  bind ${bind}`),
      '  default_backend gateways',
      'backend gateways',
      '  balance leastconn',
      '  option httpchk GET /ready',
      '  http-check expect status 200',
      // Not `observe layer4 … on-error mark-down`: when 500 sockets come back at once, a few slow
      // connects to the surviving replica would take it out too, and then both are out.
      '  default-server inter 1s fall 2 rise 2',
      ...Object.entries(servers).map(([name, address]) => `  server ${name} ${address} check`),
      '',
    ].join('\n');
  }

  async start(): Promise<void> {
    ensureHaproxy();
    writeFileSync(this.configFile, this.config());
    execFileSync('haproxy', ['-c', '-q', '-f', this.configFile]);
    const log = createWriteStream(join(this.options.dir, 'haproxy.log'), { flags: 'a' });
    const child = spawn('haproxy', ['-db', '-f', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`haproxy exited; see ${join(this.options.dir, 'haproxy.log')}`);
      if (
        await this.command('show info').then(
          () => true,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('haproxy did not open its admin socket');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** One command on HAProxy's admin socket (e.g. 'set server gateways/gw-b state drain'). */
  command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.socketPath);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.end(`${line}\n`);
    });
  }

  /** Server name → HAProxy's state of it ('UP', 'DOWN', 'MAINT', 'UP 1/2', …) and its current sessions. */
  async servers(): Promise<Record<string, { status: string; sessions: number }>> {
    const csv = await this.command('show stat');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = (header ?? '').replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const result: Record<string, { status: string; sessions: number }> = {};
    for (const row of rows) {
      const cells = row.split(',');
      if (cells[at('pxname')] !== 'gateways' || ['FRONTEND', 'BACKEND'].includes(cells[at('svname')] ?? '')) continue;
      result[cells[at('svname')]!] = { status: cells[at('status')] ?? '', sessions: Number(cells[at('scur')] ?? 0) };
    }
    return result;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
