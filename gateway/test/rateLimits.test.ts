import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type Viewer } from '@clustergraph/runtime';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { RequestRateLimiter } from '../src/limits/rateLimits.ts';

const viewer = (userId: string, memberId: string): Viewer => ({ userId, memberId, roles: ['admin'], memberRoles: ['PARTNER'] });
const limiters: RequestRateLimiter[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const limiter of limiters) await limiter.close();
  for (const db of databases) await db.drop();
});

function limiter(config: Partial<ConstructorParameters<typeof RequestRateLimiter>[0]> = {}) {
  const made = new RequestRateLimiter({ userPerSecond: 5, firmPerSecond: 8, addressPerSecond: 100, databaseUrl: undefined, ...config }, silentLogger);
  limiters.push(made);
  return made;
}

async function allowedOf(rate: RequestRateLimiter, count: number, subject: Parameters<RequestRateLimiter['consume']>[0]) {
  const decisions = [];
  for (let i = 0; i < count; i++) decisions.push(await rate.consume(subject));
  return decisions;
}

describe('rate limits', () => {
  it('counts per user and per firm, and says when to retry', async () => {
    const rate = limiter();
    const first = await allowedOf(rate, 7, { viewer: viewer('a', 'cast'), address: '10.0.0.1' });
    expect(first.filter((d) => d.allowed)).toHaveLength(5);
    expect(first[5]).toEqual({ allowed: false, scope: 'user', retryAfterSeconds: 1 });
    // A colleague of the same firm has a bucket of their own, but the firm's is nearly empty (5 of 8 taken).
    const colleague = await allowedOf(rate, 4, { viewer: viewer('b', 'cast'), address: '10.0.0.2' });
    expect(colleague.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(colleague[3]).toMatchObject({ allowed: false, scope: 'firm' });
    // Another firm is not held up.
    expect(await rate.consume({ viewer: viewer('c', 'heat'), address: '10.0.0.3' })).toEqual({ allowed: true });
  });

  it('counts anonymous requests per address only, and 0 turns a limit off', async () => {
    const rate = limiter({ addressPerSecond: 3, userPerSecond: 0 });
    const anonymous = await allowedOf(rate, 4, { viewer: null, address: '10.0.0.9' });
    expect(anonymous.map((d) => d.allowed)).toEqual([true, true, true, false]);
    const unlimitedUser = limiter({ userPerSecond: 0, firmPerSecond: 0, addressPerSecond: 0 });
    expect((await allowedOf(unlimitedUser, 50, { viewer: viewer('a', 'cast'), address: 'x' })).every((d) => d.allowed)).toBe(true);
  });

  it('shares the counters of gateway replicas through PostgreSQL', async () => {
    const db = await createTestDatabase('ratelimits', 'postgres');
    databases.push(db);
    const replicaA = limiter({ databaseUrl: db.url, firmPerSecond: 100 });
    const replicaB = limiter({ databaseUrl: db.url, firmPerSecond: 100 });
    const subject = { viewer: viewer('a', 'cast'), address: '10.0.0.1' };
    // Give the first store call time to create the table on a loaded machine; then one window.
    await replicaA.consume({ viewer: viewer('warm', 'up'), address: 'warm' });
    await replicaB.consume({ viewer: viewer('warm', 'up'), address: 'warm' });
    await new Promise((r) => setTimeout(r, 1100));
    const decisions = [...(await allowedOf(replicaA, 3, subject)), ...(await allowedOf(replicaB, 3, subject))];
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions[5]).toMatchObject({ allowed: false, scope: 'user' });
  });

  it('creates the shared table once when several replicas start together on a fresh database', async () => {
    const db = await createTestDatabase('ratelimits_start', 'postgres');
    databases.push(db);
    const warnings: unknown[] = [];
    const watching = { ...silentLogger, warn: (...args: unknown[]) => warnings.push(args) } as unknown as typeof silentLogger;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Six replicas × three scopes: the library alone raced on CREATE TABLE ("type already exists").
      const replicas = Array.from({ length: 6 }, () => {
        const made = new RequestRateLimiter({ userPerSecond: 0, firmPerSecond: 4, addressPerSecond: 0, databaseUrl: db.url }, watching);
        limiters.push(made);
        return made;
      });
      const subject = { viewer: viewer('a', 'mold'), address: undefined };
      const decisions = await Promise.all(replicas.map((r) => r.consume(subject)));
      decisions.push(...(await Promise.all(replicas.map((r) => r.consume(subject)))));
      // One firm bucket of 4 in PostgreSQL, shared by all six (memory counters would allow 12).
      expect(decisions.filter((d) => d.allowed).length).toBeLessThanOrEqual(4);
      await new Promise((r) => setTimeout(r, 200));
      expect(warnings).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
