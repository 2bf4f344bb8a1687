import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runService, silentLogger, SocketTracker } from '../src/index.ts';

// A real HTTP service with the shape app.ts builds: start(port, host) / stop(), sockets drained on stop.
function httpService(options: { failStop?: boolean } = {}) {
  let server: Server | null = null;
  let sockets: SocketTracker | null = null;
  const calls: string[] = [];
  return {
    calls,
    port: () => (server!.address() as AddressInfo).port,
    async start(port = 0, host = '127.0.0.1') {
      calls.push(`start ${port} ${host}`);
      server = createServer((_req, res) => res.end('ok'));
      sockets = new SocketTracker(server);
      await new Promise<void>((resolve) => server!.listen(port, host, resolve));
    },
    async stop() {
      calls.push('stop');
      await sockets!.drain(1000);
      if (options.failStop) throw new Error('database would not close');
    },
  };
}

const get = (port: number) =>
  new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });

// SIGUSR2 stands for SIGINT/SIGTERM: emitted, not sent, and nobody else in the test process listens to it.
const SIGNAL = 'SIGUSR2' as const;
afterEach(() => {
  process.removeAllListeners(SIGNAL);
});

describe('runService', () => {
  it('starts the app on the configured port and stops it once on a signal, then exits 0', async () => {
    const app = httpService();
    const exits: number[] = [];
    await runService(app, { name: 'test service', logger: silentLogger, port: 0, host: '127.0.0.1', signals: [SIGNAL], exit: (code) => exits.push(code) });
    expect(app.calls).toEqual(['start 0 127.0.0.1']);
    const port = app.port();
    expect(await get(port)).toBe('ok');

    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL); // a second Ctrl-C while stopping is swallowed
    await expect.poll(() => exits).toEqual([0]);
    expect(app.calls).toEqual(['start 0 127.0.0.1', 'stop']);
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('exits 1 when the app does not stop cleanly', async () => {
    const exits: number[] = [];
    await runService(httpService({ failStop: true }), {
      name: 'test service',
      logger: silentLogger,
      port: 0,
      signals: [SIGNAL],
      exit: (code) => exits.push(code),
    });
    process.emit(SIGNAL, SIGNAL);
    await expect.poll(() => exits).toEqual([1]);
  });
});
