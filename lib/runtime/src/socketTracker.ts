import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Tracks an HTTP server's sockets (upgraded WebSockets too) so that stop() can drain them. */
export class SocketTracker {
  private readonly sockets = new Set<Socket>();

  constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** Cuts every open socket at once (after the server has drained what it would wait for). */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Stops accepting, closes idle keep-alive sockets, lets requests in flight finish for `graceMs`, then cuts the rest. */
  async drain(graceMs: number): Promise<void> {
    if (!this.server.listening) {
      this.destroyAll();
      return;
    }
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([closed, deadline]);
    this.destroyAll();
    await closed;
  }
}
