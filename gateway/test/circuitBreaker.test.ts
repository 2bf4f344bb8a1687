import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { MemberCircuitBreakers } from '../src/limits/circuitBreaker.ts';
import { SubgraphCallError, SubgraphHttpClient } from '../src/http/subgraphHttpClient.ts';

// A member that accepts connections and never answers (as a SIGSTOPped process does, whose
// kernel still completes the TCP handshake), then starts answering again.

const sockets = new Set<Socket>();
let answering = false;
const server: Server = createServer((req, res) => {
  if (!answering) return; // hangs
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
});
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const http = new SubgraphHttpClient();
const breakers = new MemberCircuitBreakers({ failures: 2, openMs: 300, probeTimeoutMs: 300, logger: silentLogger });

afterAll(async () => {
  breakers.close();
  await http.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** What the shard router does around each call. */
async function call(): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  const refusal = breakers.refusal('hung');
  if (refusal) return { ms: performance.now() - started, outcome: 'refused' };
  try {
    await http.post(endpoint, { query: '{ __typename }' }, { token: 't', timeoutMs: 400 });
    breakers.succeeded('hung');
    return { ms: performance.now() - started, outcome: 'answered' };
  } catch (error) {
    if (error instanceof SubgraphCallError && error.transport) breakers.failed('hung', endpoint);
    return { ms: performance.now() - started, outcome: 'timeout' };
  }
}

describe('member circuit breaker', () => {
  it('opens after repeated timeouts, refuses at once, probes in the background and closes when the member answers', async () => {
    expect((await call()).outcome).toBe('timeout');
    expect((await call()).outcome).toBe('timeout');
    expect(breakers.state('hung')).toBe('open');
    for (let i = 0; i < 10; i++) {
      const refused = await call();
      expect(refused.outcome).toBe('refused');
      expect(refused.ms).toBeLessThan(5);
    }
    // Probes keep failing while it hangs: still open (or probing), never a client's request.
    await new Promise((r) => setTimeout(r, 800));
    expect(breakers.state('hung')).not.toBe('closed');
    expect((await call()).outcome).toBe('refused');
    answering = true;
    const deadline = Date.now() + 5000;
    while (breakers.state('hung') !== 'closed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(breakers.state('hung')).toBe('closed');
    expect((await call()).outcome).toBe('answered');
  });

  it('opens after as many failures as configured, and says why', () => {
    const other = new MemberCircuitBreakers({ failures: 1, openMs: 1000, probeTimeoutMs: 300, logger: silentLogger });
    other.succeeded('x');
    expect(other.refusal('x')).toBeNull();
    other.failed('x', endpoint);
    expect(other.refusal('x')).toMatch(/circuit is open/);
    other.close();
  });
});
