import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { loadGatewayConfig } from '../src/config.ts';
import { clientAddressResolver } from '../src/limits/clientAddress.ts';
import { rateLimitByAddress } from '../src/limits/rateLimitMiddleware.ts';
import { RequestRateLimiter } from '../src/limits/rateLimits.ts';

// The per-address rate limit behind a load balancer (HAProxy in front of gateway replicas):
// real sockets, the balancer played by connections from 127.0.0.2 (loopback, a different peer).

const PROXY = '127.0.0.2';
const servers: Server[] = [];
const limiters: RequestRateLimiter[] = [];

/** The real limiter, noting each address it counted a request against. */
class RecordingLimiter extends RequestRateLimiter {
  readonly counted: Array<string | undefined> = [];
  override consume(...args: Parameters<RequestRateLimiter['consume']>) {
    this.counted.push(args[0].address);
    return super.consume(...args);
  }
}

async function gatewayBehind(trustedProxies: string[]) {
  const rate = new RecordingLimiter({ userPerSecond: 0, firmPerSecond: 0, addressPerSecond: 3, databaseUrl: undefined }, silentLogger);
  limiters.push(rate);
  const addressOf = clientAddressResolver(trustedProxies);
  const app = express();
  app.use(rateLimitByAddress(rate, addressOf), (req, res) => void res.json({ seenAs: addressOf(req) }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    counted: rate.counted,
    post: (from: string, forwardedFor?: string) =>
      new Promise<{ status: number; seenAs: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            localAddress: from,
            agent: false,
            headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, seenAs: res.statusCode === 200 ? (JSON.parse(text) as { seenAs: string }).seenAs : '' }));
          },
        );
        req.on('error', reject);
        req.end();
      }),
  };
}

/**
 * Sends n requests at once and returns how many were let through, with the longest the burst
 * took: at most 3 per address per one-second window, so at most 3 × (windows it straddled).
 */
async function burst(n: number, send: (i: number) => Promise<{ status: number }>) {
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const windows = Math.ceil((performance.now() - started) / 1000) + 1;
  return { allowed: answers.filter((a) => a.status === 200).length, refused: answers.filter((a) => a.status === 429).length, atMost: 3 * windows };
}

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const limiter of limiters) await limiter.close();
});

describe('client address behind a load balancer (TRUSTED_PROXIES)', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: a client writing a new address each time is still one address', async () => {
    const gateway = await gatewayBehind([]);
    const sent = await burst(20, (i) => gateway.post('127.0.0.1', `10.9.0.${i}`));
    expect(new Set(gateway.counted)).toEqual(new Set(['127.0.0.1']));
    expect(sent.refused).toBe(20 - sent.allowed);
    expect(sent.allowed).toBeLessThanOrEqual(sent.atMost);
  });

  it('counts each client behind a trusted proxy apart, by the address the proxy appended', async () => {
    const gateway = await gatewayBehind([PROXY]);
    expect((await gateway.post(PROXY, '10.0.0.1')).seenAs).toBe('10.0.0.1');
    // A client that writes its own X-Forwarded-For: HAProxy appends the real peer, and that one counts.
    expect((await gateway.post(PROXY, '10.0.0.78, 10.0.0.3')).seenAs).toBe('10.0.0.3');
    expect(gateway.counted).toEqual(['10.0.0.1', '10.0.0.3']);
    // Twenty clients behind one balancer, two requests each: nobody is held up by the others.
    const many = await burst(40, (i) => gateway.post(PROXY, `10.0.2.${i % 20}`));
    expect(many).toMatchObject({ allowed: 40, refused: 0 });
    // One of them, trying twenty invented addresses of its own in front of its real one: one bucket.
    const spoofing = await burst(20, (i) => gateway.post(PROXY, `10.7.7.${i}, 10.0.0.9`));
    expect(gateway.counted.slice(-20)).toEqual(Array(20).fill('10.0.0.9'));
    expect(spoofing.allowed).toBeLessThanOrEqual(spoofing.atMost);
    expect(spoofing.refused).toBeGreaterThan(0);
  });

  it('reads the header only from the trusted proxy, not from a client that connects directly', async () => {
    const gateway = await gatewayBehind([PROXY]);
    expect((await gateway.post('127.0.0.1', '10.0.0.5')).seenAs).toBe('127.0.0.1');
    // The proxy's own requests without the header count against the proxy.
    expect((await gateway.post(PROXY)).seenAs).toBe(PROXY);
    expect(gateway.counted).toEqual(['127.0.0.1', PROXY]);
  });

  it('refuses a TRUSTED_PROXIES that is not a list of addresses or ranges, at start', () => {
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: '10.0.0.0/8, haproxy.internal' })).toThrow(/TRUSTED_PROXIES/);
    expect(loadGatewayConfig({ TRUSTED_PROXIES: ' 10.1.0.0/16 ,loopback' }).limits.trustedProxies).toEqual(['10.1.0.0/16', 'loopback']);
    expect(loadGatewayConfig({}).limits.trustedProxies).toEqual([]);
  });
});
