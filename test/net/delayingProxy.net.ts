// The user-space WAN link of the multi-host tests: delay per direction, order kept under
// jitter and "loss", cut and heal.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelayingProxy } from '../src/index.ts';

let echo: Server;
const echoSockets = new Set<Socket>();
let echoPort = 0;
beforeAll(async () => {
  echo = createServer((socket) => {
    echoSockets.add(socket);
    socket.on('error', () => {}).pipe(socket);
  }); // resets from a cut link are expected
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
});
afterAll(() => {
  for (const socket of echoSockets) socket.destroy();
  return new Promise<void>((resolve) => echo.close(() => resolve()));
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', () => {}); // a cut link resets it; the tests watch 'close'
    socket.once('error', reject);
  });
}
function readBytes(socket: Socket, count: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= count) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('DelayingProxy', () => {
  it('adds its one-way delay in each direction: a round trip costs twice the delay', async () => {
    const proxy = new DelayingProxy({ host: '127.0.0.1', port: echoPort }, { delayMs: 40 });
    const { port } = await proxy.start();
    const socket = await open(port);
    const t0 = performance.now();
    socket.write('ping');
    expect((await readBytes(socket, 4)).toString()).toBe('ping');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(79);
    socket.destroy();
    await proxy.stop();
  });

  it('makes a new connection pay the handshake round trip, and a reused one not', async () => {
    const proxy = new DelayingProxy({ host: '127.0.0.1', port: echoPort }, { delayMs: 30 });
    const { port } = await proxy.start();
    const t0 = performance.now();
    const socket = await open(port);
    socket.write('one');
    expect((await readBytes(socket, 3)).toString()).toBe('one');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(4 * 30 - 1); // handshake + request and answer
    socket.write('two');
    expect((await readBytes(socket, 3)).toString()).toBe('two');
    expect(proxy.connections).toBe(1);
    socket.destroy();
    await proxy.stop();
  });

  it('goes silent without resetting anything, and delivers what waited, in order, when healed', async () => {
    const proxy = new DelayingProxy({ host: '127.0.0.1', port: echoPort }, { delayMs: 1 });
    const { port } = await proxy.start();
    const socket = await open(port);
    socket.write('a');
    expect((await readBytes(socket, 1)).toString()).toBe('a');
    proxy.silence();
    let received = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.write('b');
    socket.write('c');
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toBe('');
    expect(closed).toBe(false);
    proxy.heal();
    await waitUntil(() => received.length >= 2);
    expect(received).toBe('bc');
    socket.destroy();
    await proxy.stop();
  });

  it('sends a connection to the first upstream that accepts it (replicas behind one address)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const proxy = new DelayingProxy(
      [
        { host: '127.0.0.1', port: closedPort },
        { host: '127.0.0.1', port: echoPort },
      ],
      { delayMs: 1 },
    );
    const { port } = await proxy.start();
    const socket = await open(port);
    socket.write('replica');
    expect((await readBytes(socket, 7)).toString()).toBe('replica');
    socket.destroy();
    await proxy.stop();
  });

  it('keeps every byte in order under jitter and loss', async () => {
    const proxy = new DelayingProxy({ host: '127.0.0.1', port: echoPort }, { delayMs: 5, jitterMs: 20, loss: 0.2, retransmitMs: 50 });
    const { port } = await proxy.start();
    const socket = await open(port);
    const sent = Buffer.from(Array.from({ length: 2000 }, (_, i) => `${i},`).join(''));
    try {
      const received = readBytes(socket, sent.length);
      for (let offset = 0; offset < sent.length; offset += 97) {
        socket.write(sent.subarray(offset, offset + 97));
        await new Promise((r) => setImmediate(r));
      }
      expect((await received).toString()).toBe(sent.toString());
    } finally {
      socket.destroy();
      await proxy.stop();
    }
  });

  it('resets open connections when cut, refuses new ones until healed', async () => {
    const proxy = new DelayingProxy({ host: '127.0.0.1', port: echoPort }, { delayMs: 1 });
    const { port } = await proxy.start();
    const socket = await open(port);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => {});
    proxy.cutLink();
    await closed;
    const refused = await open(port).then(
      (s) =>
        new Promise<boolean>((resolve) =>
          s
            .on('error', () => resolve(true))
            .on('close', () => resolve(true))
            .write('x'),
        ),
      () => true,
    );
    expect(refused).toBe(true);
    proxy.heal();
    const again = await open(port);
    again.write('back');
    expect((await readBytes(again, 4)).toString()).toBe('back');
    again.destroy();
    await proxy.stop();
  });
});
