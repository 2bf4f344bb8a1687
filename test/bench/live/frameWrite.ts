// Diagnostic: gateway CPU per delivery of one event payload to many subscriber sockets, through
// ws's send (a string frame) and as a frame built whole and written to the TCP socket (the
// gateway's way since issue 20). Readers run in a child process. `npx tsx test/bench/live/frameWrite.ts`
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { SerialisedPayload, nextFrame, nextWebSocketFrame } from '../../../gateway/src/subscriptions/frames.ts';

const SOCKETS = Number(process.env['FRAME_BENCH_SOCKETS'] ?? 250);
const EVENTS = Number(process.env['FRAME_BENCH_EVENTS'] ?? 400);
const BUNCH = Number(process.env['FRAME_BENCH_BUNCH'] ?? 1);

if (process.argv[2] === 'reader') {
  const [url, count] = [process.argv[3]!, Number(process.argv[4])];
  let received = 0;
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(url);
    ws.on('message', () => void (++received % 10_000 === 0 && process.send!(received)));
  }
} else {
  const server = new WebSocketServer({ port: 0 });
  await once(server, 'listening');
  const sockets: WebSocket[] = [];
  server.on('connection', (s) => sockets.push(s));
  const reader = fork(new URL(import.meta.url).pathname, ['reader', `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, String(SOCKETS)], {
    execArgv: process.execArgv,
  });
  while (sockets.length < SOCKETS) await new Promise((r) => setTimeout(r, 50));
  const payload = new SerialisedPayload(
    JSON.stringify({
      data: {
        lineStatusChanged: {
          seq: 123456,
          state: 'RUNNING',
          at: new Date().toISOString(),
          line: { name: 'Line 3 CNC machining' },
          member: { name: 'Cast Partner Co.', roles: ['PARTNER'] },
        },
      },
    }),
  );
  const tcp = (s: WebSocket) => (s as unknown as { _socket: Socket })._socket;
  const ways: Record<string, (s: WebSocket, id: string, k: number) => void> = {
    'ws.send(string)': (s, id) => s.send(nextFrame(id, payload.text)),
    'tcp.write(whole frame)': (s, id) => tcp(s).write(nextWebSocketFrame(id, new SerialisedPayload(payload.text))),
    // As the gateway does: from a socket's second frame in a turn on, corked until the turn ends.
    'tcp.write, corked turn': (s, id, k) => {
      if (k === 1) {
        tcp(s).cork();
        process.nextTick(() => tcp(s).uncork());
      }
      tcp(s).write(nextWebSocketFrame(id, new SerialisedPayload(payload.text)));
    },
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, write] of Object.entries(ways)) {
      const cpu = process.cpuUsage();
      for (let e = 0; e < EVENTS; e += BUNCH) {
        for (let k = 0; k < BUNCH; k++) sockets.forEach((s, i) => write(s, JSON.stringify(String(i)), k));
        await new Promise((r) => setImmediate(r));
      }
      const used = process.cpuUsage(cpu);
      const per = (us: number) => (us / (EVENTS * SOCKETS)).toFixed(2);
      if (round === 1)
        console.log(`${name.padEnd(24)} ${per(used.user + used.system)} µs CPU per delivery (user ${per(used.user)}, system ${per(used.system)})`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  reader.kill();
  server.close();
  process.exit(0);
}
