import { connect, type Socket } from 'node:net';

/**
 * A publisher for benchmarks that costs next to nothing per message: MQTT 3.1.1 packets
 * encoded up front and written to one TCP socket in bulk, QoS 1 (the broker acknowledges each
 * PUBACK, which is counted, not matched). mqtt.js spends tens of microseconds per publish
 * (packet objects, its outgoing store, a promise per message); in `bench:ingest` that made
 * the bench's own publisher, not the member, the limit on a busy machine.
 */
export class RawMqttPublisher {
  private nextPacketId = 1;
  private acked = 0;
  private pending = Buffer.alloc(0);
  private waiters: Array<{ count: number; resolve(): void }> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Connects with a clean session, no keep-alive (the socket is busy or closed, never idle long). */
  static async connect(url: string, clientId: string): Promise<RawMqttPublisher> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port || 1883), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const id = Buffer.from(clientId, 'utf8');
    const variable = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x00]);
    const body = Buffer.concat([variable, length16(id.length), id]);
    const connack = new Promise<void>((resolve, reject) => {
      socket.once('data', (chunk: Buffer) =>
        chunk[0] === 0x20 && chunk[3] === 0 ? resolve() : reject(new Error(`the broker refused the connection (CONNACK ${chunk.toString('hex')})`)),
      );
    });
    socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]));
    await connack;
    return new RawMqttPublisher(socket);
  }

  /** One QoS 1 PUBLISH packet (packet ids cycle through 1–65535). */
  encode(topic: string, payload: string): Buffer {
    const topicBytes = Buffer.from(topic, 'utf8');
    const payloadBytes = Buffer.from(payload, 'utf8');
    const id = this.nextPacketId;
    this.nextPacketId = id === 0xffff ? 1 : id + 1;
    const size = 2 + topicBytes.length + 2 + payloadBytes.length;
    return Buffer.concat([Buffer.from([0x32]), remainingLength(size), length16(topicBytes.length), topicBytes, length16(id), payloadBytes]);
  }

  /** Writes the packets and resolves when the broker has acknowledged all of them (at most 65,535 at a time). */
  async publish(packets: Buffer[]): Promise<void> {
    if (packets.length > 0xffff) throw new Error('at most 65,535 QoS 1 messages can be in flight');
    const target = this.acked + packets.length;
    const done = new Promise<void>((resolve) => this.waiters.push({ count: target, resolve }));
    this.socket.write(Buffer.concat(packets));
    this.settle();
    await done;
  }

  end(): Promise<void> {
    return new Promise((resolve) => this.socket.end(Buffer.from([0xe0, 0x00]), () => resolve()));
  }

  private read(chunk: Buffer): void {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (buffer.length < 2) break;
      let size = 0;
      let multiplier = 1;
      let offset = 1;
      let complete = false;
      while (offset < buffer.length && offset <= 4) {
        const byte = buffer[offset++]!;
        size += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || buffer.length < offset + size) break;
      if (buffer[0]! >> 4 === 4) this.acked++; // PUBACK
      buffer = buffer.subarray(offset + size);
    }
    this.pending = Buffer.from(buffer);
    this.settle();
  }

  private settle(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (this.acked < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}

function length16(value: number): Buffer {
  return Buffer.from([value >> 8, value & 0xff]);
}

function remainingLength(value: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}
