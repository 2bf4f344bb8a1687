import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPorts, freePort, portAvailable, PortsInUseError } from '../src/ports.ts';
import { getHealth } from '../src/serviceProcess.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function serve(port: number, host: string, body: unknown): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

describe('freePort', () => {
  it('hands out ports below the ephemeral range, each once (reserved machine-wide), none in use', async () => {
    const ports = [];
    for (let i = 0; i < 100; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const listening = await serve(ports[0]!, '127.0.0.1', {});
    expect((await portAvailable(ports[0]!)).free).toBe(false);
    listening.close();
  });
});

describe('checkPorts', () => {
  it('names every taken port and the service that wanted it, and passes free ones', async () => {
    const taken = await freePort();
    const wildcard = await freePort();
    const free = await freePort();
    await serve(taken, '127.0.0.1', {});
    await serve(wildcard, '0.0.0.0', {}); // another program on every address takes loopback too
    await expect(checkPorts([{ port: free, service: 'gateway' }])).resolves.toBeUndefined();
    const error = await checkPorts([
      { port: free, service: 'gateway' },
      { port: taken, service: 'cluster' },
      { port: wildcard, service: 'member sejin-heat' },
      { port: free, service: 'member kmobility' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortsInUseError);
    expect((error as PortsInUseError).taken).toEqual([
      { port: taken, service: 'cluster', code: 'EADDRINUSE' },
      { port: wildcard, service: 'member sejin-heat', code: 'EADDRINUSE' },
      { port: free, service: 'member kmobility', code: 'also wanted by gateway' },
    ]);
    expect((await portAvailable(free)).free).toBe(true); // checking does not keep it
  });
});

describe('getHealth', () => {
  it('reads /health over node:http, also on a port fetch() refuses as a "bad port"', async () => {
    const bad = [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080];
    let port: number | undefined;
    for (const p of bad) {
      if (!(await portAvailable(p)).free) continue;
      port = p;
      break;
    }
    if (port === undefined) throw new Error('every WHATWG bad port is taken on this machine');
    await serve(port, '127.0.0.1', { status: 'ok', pid: 4242 });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow(); // what the launcher used to do
    expect(await getHealth(`http://127.0.0.1:${port}/health`)).toEqual({ status: 'ok', pid: 4242 });
    expect(await getHealth(`http://127.0.0.1:${await freePort()}/health`)).toBeNull(); // nothing listening
  });
});
