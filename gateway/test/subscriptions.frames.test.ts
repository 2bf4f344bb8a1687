import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SerialisedPayload, nextWebSocketFrame } from '../src/subscriptions/frames.ts';

/** Reads one unmasked server frame: FIN and opcode, and the payload its length field announces. */
function decode(frame: Buffer): { fin: boolean; opcode: number; masked: boolean; text: string; rest: number } {
  let length = frame[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    length = frame.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    length = frame.readUInt32BE(2) * 2 ** 32 + frame.readUInt32BE(6);
    offset = 10;
  }
  return {
    fin: (frame[0]! & 0x80) !== 0,
    opcode: frame[0]! & 0x0f,
    masked: (frame[1]! & 0x80) !== 0,
    text: frame.subarray(offset, offset + length).toString('utf8'),
    rest: frame.length - offset - length,
  };
}

describe('event frames built whole (nextWebSocketFrame)', () => {
  // Short (7-bit length), 16-bit and 64-bit lengths, with multi-byte characters in the payload and in the id.
  it.each([
    ['a short payload', 'x'.repeat(10)],
    ['a payload past 125 bytes', 'Ü'.repeat(200)],
    ['a payload past 64 KiB', '공장'.repeat(12_000)],
  ])('frames %s as one final, unmasked text frame carrying exactly the next message', (_name, text) => {
    const payload = new SerialisedPayload(JSON.stringify({ data: { lineStatusChanged: { line: { name: text } } } }));
    for (const id of ['1', 'a"b\\c', '7d1c3c1e-😀']) {
      const frame = decode(nextWebSocketFrame(JSON.stringify(id), payload));
      expect(frame).toMatchObject({ fin: true, opcode: 1, masked: false, rest: 0 });
      expect(JSON.parse(frame.text)).toEqual({ id, type: 'next', payload: JSON.parse(payload.text) });
    }
  });

  it('is read by a WebSocket client as the message ws itself would send, in order with ws frames', async () => {
    const server = new WebSocketServer({ port: 0 });
    await once(server, 'listening');
    server.on('connection', (socket) => {
      const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
      socket.send('{"before":true}');
      tcp.write(nextWebSocketFrame('"s1"', new SerialisedPayload(JSON.stringify({ data: { n: 'ü'.repeat(300) } }))));
      socket.send('{"after":true}');
    });
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const messages: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data) => {
        messages.push(JSON.parse(String(data)));
        if (messages.length === 3) resolve();
      });
      client.on('error', reject);
    });
    client.close();
    server.close();
    expect(messages).toEqual([{ before: true }, { id: 's1', type: 'next', payload: { data: { n: 'ü'.repeat(300) } } }, { after: true }]);
  });
});
