import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A real TCP proxy in front of a member. Armed with a marker, it forwards the request that
 * carries it and then drops the connection as the member's answer arrives: the member wrote,
 * the gateway never hears back.
 */
export class AnswerDroppingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private marker: string | null = null;
  dropped = 0;

  async start(upstreamPort: number): Promise<string> {
    this.server = createServer((client) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      let dropAnswer = false;
      client.on('data', (chunk: Buffer) => {
        const key = /\r\nidempotency-key: *([^\r\n]+)/i.exec(chunk.toString('latin1'))?.[1];
        if (key) this.keys.push(key);
        if (this.marker && chunk.toString('utf8').includes(this.marker)) {
          dropAnswer = true;
          this.marker = null;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (dropAnswer) {
          this.dropped++;
          client.destroy();
          upstream.destroy();
          return;
        }
        client.write(chunk);
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/graphql`;
  }

  /** The Idempotency-Key header of each request that went through, in order (what the member was sent). */
  readonly keys: string[] = [];

  dropAnswerTo(marker: string): void {
    this.marker = marker;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
