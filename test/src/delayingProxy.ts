import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface LinkProfile {
  /** One-way delay added to every chunk, each direction (a round trip costs twice this). */
  delayMs: number;
  /** Extra delay of 0…jitterMs per chunk (order is kept: a chunk never overtakes the one before). */
  jitterMs?: number;
  /**
   * Share (0…1) of chunks that are "lost": TCP retransmits a lost segment, so what the
   * application sees is that chunk (and everything behind it) late by `retransmitMs`.
   */
  loss?: number;
  retransmitMs?: number;
}

/**
 * A wide-area link in user space, for the multi-host tests (this machine's kernel has no
 * netem): a TCP proxy that delays each chunk by the link's one-way delay in each direction,
 * keeps order, can make a share of chunks late as a retransmission would, and can be cut
 * (every connection reset, new ones refused) and healed.
 */
export class DelayingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private cut = false;
  /** Connections accepted so far (connection reuse shows as a small number). */
  connections = 0;

  constructor(
    private readonly upstream: { host: string; port: number },
    public profile: LinkProfile,
  ) {}

  /** Listens on host:port (port 0: a free one) and resolves the address it listens on. */
  async start(host = '127.0.0.1', port = 0): Promise<{ host: string; port: number }> {
    this.server = createServer((client) => {
      if (this.cut) {
        client.resetAndDestroy();
        return;
      }
      this.connections++;
      const upstream = connect(this.upstream.port, this.upstream.host);
      this.sockets.add(client).add(upstream);
      this.pipe(client, upstream);
      this.pipe(upstream, client);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  /**
   * Forwards `from` → `to`: each chunk is due at max(now + delay, the previous chunk's due
   * time) and one timer drains the queue in order, so a chunk never overtakes another.
   */
  private pipe(from: Socket, to: Socket): void {
    const queue: Array<{ at: number; chunk: Buffer | null }> = [];
    let timer: NodeJS.Timeout | null = null;
    let lastDue = 0;
    const drain = () => {
      timer = null;
      const now = Date.now();
      while (queue.length > 0 && queue[0]!.at <= now) {
        const { chunk } = queue.shift()!;
        if (to.destroyed) continue;
        if (chunk === null) to.end();
        else to.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(drain, queue[0]!.at - now);
    };
    const enqueue = (chunk: Buffer | null, at: number) => {
      lastDue = Math.max(at, lastDue);
      queue.push({ at: lastDue, chunk });
      if (!timer) timer = setTimeout(drain, Math.max(0, queue[0]!.at - Date.now()));
    };
    from.on('data', (chunk: Buffer) => {
      const { delayMs, jitterMs = 0, loss = 0, retransmitMs = 200 } = this.profile;
      let at = Date.now() + delayMs + Math.random() * jitterMs;
      if (loss > 0 && Math.random() < loss) at += retransmitMs;
      enqueue(chunk, at);
    });
    from.on('end', () => enqueue(null, Date.now() + this.profile.delayMs));
    from.on('close', () => {
      // A reset link drops what was in flight, as a cut cable does.
      if (from.destroyed && to.destroyed && timer) clearTimeout(timer);
    });
  }

  /** Cuts the link: every open connection is reset, new ones are refused until heal(). */
  cutLink(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  heal(): void {
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.cutLink();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
