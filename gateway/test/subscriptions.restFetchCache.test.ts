import { describe, expect, it } from 'vitest';
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
