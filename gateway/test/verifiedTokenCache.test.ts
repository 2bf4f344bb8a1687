import { describe, expect, it } from 'vitest';
import { MAX_REUSE_MS, VerifiedTokenCache } from '../src/auth/verifiedTokenCache.ts';

describe('verified token cache', () => {
  const start = 1_800_000_000_000;

  it('keeps a verified token until it expires, never past its exp', () => {
    let now = start;
    const cache = new VerifiedTokenCache(() => now);
    const payload = { sub: 'u', exp: start / 1000 + 30 };
    cache.set('t', payload);
    expect(cache.get('t')).toBe(payload);
    now = start + 29_999;
    expect(cache.get('t')).toBe(payload);
    now = start + 30_000;
    expect(cache.get('t')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('checks a long-lived token again after MAX_REUSE_MS', () => {
    let now = start;
    const cache = new VerifiedTokenCache(() => now);
    cache.set('t', { sub: 'u', exp: start / 1000 + 3600 });
    now = start + MAX_REUSE_MS - 1;
    expect(cache.get('t')).not.toBeNull();
    now = start + MAX_REUSE_MS;
    expect(cache.get('t')).toBeNull();
  });

  it('keeps nothing for a token without exp or already expired, and only the exact text', () => {
    const cache = new VerifiedTokenCache(() => start);
    cache.set('no-exp', { sub: 'u' });
    cache.set('expired', { sub: 'u', exp: start / 1000 });
    cache.set('good', { sub: 'u', exp: start / 1000 + 60 });
    expect(cache.get('no-exp')).toBeNull();
    expect(cache.get('expired')).toBeNull();
    expect(cache.get('good ')).toBeNull();
    expect(cache.get('goo')).toBeNull();
    expect(cache.get('good')).not.toBeNull();
  });

  it('stays bounded: expired entries go first, then the oldest', () => {
    let now = start;
    const cache = new VerifiedTokenCache(() => now, 3);
    cache.set('short', { exp: start / 1000 + 1 });
    cache.set('a', { exp: start / 1000 + 60 });
    cache.set('b', { exp: start / 1000 + 60 });
    now = start + 2_000;
    cache.set('c', { exp: start / 1000 + 60 });
    expect(cache.size).toBe(3);
    expect(cache.get('a')).not.toBeNull();
    cache.set('d', { exp: start / 1000 + 60 });
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('d')).not.toBeNull();
  });
});
