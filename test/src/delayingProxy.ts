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

export interface ProxyUpstream {
  host: string;
  port: number;
}

/**
 * A wide-area link in user space, for the multi-host tests (this machine's kernel has no
 * netem): a TCP proxy that delays each chunk by the link's one-way delay in each direction,
 * keeps order, can make a share of chunks late as a retransmission would, and can be cut
 * (every connection reset, new ones refused) or go silent (nothing passes, nothing is reset,
 * as when a cable is pulled) and heal.
 *
 * A new connection pays the TCP handshake (one round trip) before its first byte goes out,
 * so a client that opens a connection per request is slower here than one that reuses its
 * connections, as on a real wide-area link. With several upstreams (replicas of one firm
 * behind its address), a connection goes to the first that accepts it.
 */
export class DelayingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private silent = false;
  /** Drains of the open pipes, run again when a silent link heals. */
  private readonly drains = new Set<() => void>();
  private readonly upstreams: ProxyUpstream[];
  /** Connections accepted so far (connection reuse shows as a small number). */
  connections = 0;
  /** Chunks that entered the link, either direction (a test waits for a request to be on its way). */
  chunks = 0;

  constructor(
    upstream: ProxyUpstream | ProxyUpstream[],
    public profile: LinkProfile,
  ) {
    this.upstreams = Array.isArray(upstream) ? upstream : [upstream];
    if (this.upstreams.length === 0) throw new Error('DelayingProxy: no upstream');
  }

  /** Listens on host:port (port 0: a free one) and resolves the address it listens on. */
  async start(host = '127.0.0.1', port = 0): Promise<{ host: string; port: number }> {
    this.server = createServer((client) => {
      if (this.cut) {
        client.resetAndDestroy();
        return;
      }
      this.connections++;
      this.sockets.add(client);
      client.pause();
      client.on('error', () => client.destroy()).on('close', () => this.sockets.delete(client));
      const accepted = Date.now();
      void this.connectUpstream().then((upstream) => {
        if (!upstream || client.destroyed || this.cut) {
          upstream?.destroy();
          client.resetAndDestroy();
          this.sockets.delete(client);
          return;
        }
        this.sockets.add(upstream);
        // The handshake: SYN and SYN-ACK take a round trip before the client's first byte leaves,
        // which then takes its one-way delay: it arrives three one-way delays after the SYN.
        this.pipe(client, upstream, accepted + 3 * this.profile.delayMs);
        this.pipe(upstream, client, 0);
        const close = () => {
          client.destroy();
          upstream.destroy();
          this.sockets.delete(client);
          this.sockets.delete(upstream);
        };
        client.on('close', close);
        upstream.on('close', close).on('error', close);
        client.resume();
      });
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  /** The first upstream that accepts a connection, in order; null when none does. */
  private async connectUpstream(): Promise<Socket | null> {
    for (const { host, port } of this.upstreams) {
      const socket = await new Promise<Socket | null>((resolve) => {
        const s = connect(port, host);
        s.once('connect', () => resolve(s));
        s.once('error', () => {
          s.destroy();
          resolve(null);
        });
      });
      if (socket) return socket;
    }
    return null;
  }

  /**
   * Forwards `from` → `to`: each chunk is due at max(now + delay, the previous chunk's due
   * time) and one timer drains the queue in order, so a chunk never overtakes another. While
   * the link is silent nothing is drained; what waits goes out when it heals (TCP keeps
   * retransmitting), unless an end gives up first.
   */
  private pipe(from: Socket, to: Socket, notBefore: number): void {
    const queue: Array<{ at: number; chunk: Buffer | null }> = [];
    let timer: NodeJS.Timeout | null = null;
    let lastDue = notBefore;
    const drain = () => {
      timer = null;
      if (this.silent) return;
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
      if (!timer && !this.silent) timer = setTimeout(drain, Math.max(0, queue[0]!.at - Date.now()));
    };
    const rearm = () => {
      if (!timer && queue.length > 0) drain();
    };
    this.drains.add(rearm);
    from.on('data', (chunk: Buffer) => {
      this.chunks++;
      const { delayMs, jitterMs = 0, loss = 0, retransmitMs = 200 } = this.profile;
      let at = Date.now() + delayMs + Math.random() * jitterMs;
      if (loss > 0 && Math.random() < loss) at += retransmitMs;
      enqueue(chunk, at);
    });
    from.on('end', () => enqueue(null, Date.now() + this.profile.delayMs));
    from.on('close', () => {
      this.drains.delete(rearm);
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

  /**
   * The link goes silent: connections stay open but no byte passes either way (a pulled
   * cable, a dead router: no reset reaches anyone), so each end notices only by its own
   * timeouts. heal() lets what waited through.
   */
  silence(): void {
    this.silent = true;
  }

  heal(): void {
    this.cut = false;
    this.silent = false;
    for (const drain of this.drains) drain();
  }

  async stop(): Promise<void> {
    this.cutLink();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
