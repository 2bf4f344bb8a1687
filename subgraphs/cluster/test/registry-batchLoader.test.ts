import { describe, expect, it } from 'vitest';
import { BatchLoader } from '../src/registry/batchLoader.ts';

describe('BatchLoader', () => {
  it('loads the keys asked for in one tick with one call, caching per instance', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, string | null>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((key) => key !== 'ghost').map((key) => [key, key.toUpperCase()]));
    }, null);
    expect(await Promise.all(['a', 'ghost', 'b', 'a'].map((key) => loader.load(key)))).toEqual(['A', null, 'B', 'A']);
    expect(calls).toEqual([['a', 'ghost', 'b']]);
    expect(await loader.load('b')).toBe('B');
    expect(calls).toHaveLength(1);
  });

  it('rejects the whole batch when loading fails, and retries later', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>(async (keys) => {
      if (fail) throw new Error('database down');
      return new Map(keys.map((key) => [key, key.length]));
    }, 0);
    await expect(Promise.all([loader.load('ab'), loader.load('c')])).rejects.toThrow('database down');
    fail = false;
    expect(await loader.load('ab')).toBe(2);
  });
});
