import { describe, expect, it } from 'vitest';
import { retryOnClosedConnection } from '../src/subscriptions/eventExecutor.ts';
import { RestFetchCache } from '../src/subscriptions/restFetchCache.ts';

describe('RestFetchCache', () => {
  const policy = { freshMs: 1000, staleMs: 5000 };

  it('sends identical fetches in flight once', async () => {
    const cache = new RestFetchCache();
    let calls = 0;
    let release!: (value: unknown) => void;
    const fetch = () => {
      calls++;
      return new Promise((resolve) => (release = resolve));
    };
    const answers = [cache.get('k', null, fetch), cache.get('k', null, fetch), cache.get('k', null, fetch)];
    release({ data: { n: 1 } });
    expect(await Promise.all(answers)).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
    expect(calls).toBe(1);
    // Without a reuse policy nothing outlives the fetch.
    void cache.get('k', null, fetch);
    expect(calls).toBe(2);
  });

  it('reuses a fresh answer, serves a stale one while refreshing, and never reuses errors', async () => {
    let now = 0;
    const cache = new RestFetchCache(() => now);
    let n = 0;
    const fetch = async () => ({ data: { n: ++n } });
    expect(await cache.get('k', policy, fetch)).toEqual({ data: { n: 1 } });
    now = 500;
    expect(await cache.get('k', policy, fetch)).toEqual({ data: { n: 1 } });
    now = 2000;
    expect(await cache.get('k', policy, fetch)).toEqual({ data: { n: 1 } }); // stale, refresh started
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', policy, fetch)).toEqual({ data: { n: 2 } });
    now = 10_000;
    expect(await cache.get('k', policy, fetch)).toEqual({ data: { n: 3 } }); // too old: fetched in line
    const failing = async () => ({ data: null, errors: [{ message: 'down' }] });
    expect(await cache.get('e', policy, failing)).toMatchObject({ errors: [{ message: 'down' }] });
    expect(await cache.get('e', policy, fetch)).toEqual({ data: { n: 4 } });
    expect(cache.stats).toMatchObject({ reused: 2, reusedStale: 1, fetches: 5 });
  });
});

describe('RestFetchCache when the subgraph cannot answer', () => {
  it('serves the last good answer while it is younger than staleIfErrorMs, then the failure', async () => {
    let now = 0;
    const cache = new RestFetchCache(() => now);
    const policy = { freshMs: 1000, staleMs: 5000, staleIfErrorMs: 60_000 };
    expect(await cache.get('k', policy, async () => ({ data: { name: 'Cast Partner Co.' } }))).toEqual({ data: { name: 'Cast Partner Co.' } });
    now = 20_000; // too old to serve while refreshing: fetched in line, and that fetch fails
    expect(await cache.get('k', policy, () => Promise.reject(new Error('socket closed')))).toEqual({ data: { name: 'Cast Partner Co.' } });
    expect(await cache.get('k', policy, async () => ({ data: null, errors: [{ message: 'down' }] }))).toEqual({ data: { name: 'Cast Partner Co.' } });
    expect(cache.stats.servedOnError).toBe(2);
    now = 61_000; // past staleIfErrorMs: the failure is the answer
    await expect(cache.get('k', policy, () => Promise.reject(new Error('socket closed')))).rejects.toThrow('socket closed');
    // Without staleIfErrorMs a failure is never covered up.
    const strict = new RestFetchCache(() => now);
    await strict.get('k', { freshMs: 1000, staleMs: 5000 }, async () => ({ data: { n: 1 } }));
    now += 10_000;
    await expect(strict.get('k', { freshMs: 1000, staleMs: 5000 }, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});

describe('retryOnClosedConnection', () => {
  it('sends a read once more when the server closed the kept-alive connection it went out on, and only then', async () => {
    const { createServer } = await import('node:http');
    const { request } = await import('undici');
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      // The first request finds its connection closed by the server (as when a keep-alive ran out).
      if (requests === 1) return void req.socket.destroy();
      res.end('{"data":{"ok":true}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/`;
    const send = async () => (await (await request(url, { method: 'POST', body: '{}' })).body.json()) as unknown;
    try {
      expect(await retryOnClosedConnection(send)).toEqual({ data: { ok: true } });
      expect(requests).toBe(2);
      // Another failure is not retried.
      let calls = 0;
      await expect(
        retryOnClosedConnection(() => {
          calls++;
          return Promise.reject(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' }));
        }),
      ).rejects.toThrow('no answer in time');
      expect(calls).toBe(1);
    } finally {
      server.close();
    }
  });
});
