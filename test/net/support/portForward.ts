import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A plain TCP forward, no delay: a host's way to what sits on its own LAN (its database, its
 * broker, the leader's cluster subgraph for the gateways), which on this machine listen on
 * the root namespace's loopback or on another host.
 */
export class PortForward {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly upstream: { host: string; port: number }) {}

  async start(host: string, port: number): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.upstream.port, this.upstream.host);
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(port, host, resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
