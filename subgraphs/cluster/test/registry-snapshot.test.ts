import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TestDatabase } from '@clustergraph/runtime/testing';
import { members, type MemberRow } from '../src/index.ts';
import { RegistrySnapshot } from '../src/registry/registrySnapshot.ts';
import { createRegistryDatabase, dataOf, REGISTER, startRegistry, type RunningRegistry } from './registryHarness.ts';

// The cluster subgraph reads the registry from memory in queries (registry/registrySnapshot.ts).
// What must hold: a change made through the subgraph is seen by the very next request, on this
// replica at once and on another within the snapshot's bound (NOTIFY, else 1 s); a change made
// by hand in SQL within 1 s; a read that began before a change never brings the old rows back.

const row = (id: string, status: MemberRow['status'] = 'ACTIVE'): MemberRow => ({
  id,
  name: id,
  localName: null,
  roles: ['PARTNER'],
  requestedRoles: ['PARTNER'],
  region: null,
  endpoint: `http://${id}.test/graphql`,
  hosting: 'SELF_HOSTED',
  appliedProcesses: [],
  status,
  statusReason: null,
  joinedAt: new Date(0),
  updatedAt: new Date(0),
});

describe('registry snapshot (clock and loads under the test’s control)', () => {
  it('serves one load to every read within its age, and reads again after it', async () => {
    let now = 0;
    let loads = 0;
    const snapshot = new RegistrySnapshot(
      async () => [row(`m${++loads}`)],
      1000,
      () => now,
    );
    const [a, b] = await Promise.all([snapshot.get(), snapshot.get()]);
    expect(a).toBe(b);
    now = 999;
    expect((await snapshot.get()).rows.map((r) => r.id)).toEqual(['m1']);
    now = 1000;
    expect((await snapshot.get()).rows.map((r) => r.id)).toEqual(['m2']);
    expect(loads).toBe(2);
  });

  it('never keeps a load that was running when a change was announced', async () => {
    let release!: (rows: MemberRow[]) => void;
    let loads = 0;
    const snapshot = new RegistrySnapshot(() => {
      loads++;
      return loads === 1 ? new Promise<MemberRow[]>((resolve) => (release = resolve)) : Promise.resolve([row('cast', 'SUSPENDED')]);
    });
    const before = snapshot.get();
    snapshot.invalidate(); // the suspension commits while the first read is still running
    release([row('cast', 'ACTIVE')]);
    expect((await before).rows[0]?.status).toBe('ACTIVE'); // that request began before the change
    expect((await snapshot.get()).rows[0]?.status).toBe('SUSPENDED');
    expect(loads).toBe(2);
  });

  it('forgets a failed load, and hands out rows nobody can change in place', async () => {
    let fail = true;
    const snapshot = new RegistrySnapshot(async () => {
      if (fail) throw new Error('database down');
      return [row('cast')];
    });
    await expect(snapshot.get()).rejects.toThrow('database down');
    fail = false;
    const { rows, byId } = await snapshot.get();
    expect(byId.get('cast')).toBe(rows[0]);
    expect(() => (rows[0]!.roles as string[]).push('LEADER')).toThrow();
    expect(() => ((rows[0] as { status: string }).status = 'ACTIVE')).toThrow();
  });
});

describe('registry snapshot in the running cluster subgraph', () => {
  let database: TestDatabase;
  let first: RunningRegistry;
  let second: RunningRegistry;

  beforeAll(async () => {
    database = await createRegistryDatabase('snapshot');
    first = await startRegistry({ database });
    // A second replica on the same registry (PGlite is one process's database: then the same replica twice).
    second = database.url ? await startRegistry({ database }) : first;
  });
  afterAll(async () => {
    if (second !== first) await second?.stop();
    await first?.stop();
    await database?.drop();
  });

  const statusAt = async (replica: RunningRegistry, id: string) =>
    (dataOf(await replica.post('{ members { id status } }')) as { members: Array<{ id: string; status: string }> }).members.find((m) => m.id === id)?.status;
  const within = async (ms: number, check: () => Promise<boolean>) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return check();
  };

  it('shows a change made through this replica to the very next request, and to another replica within the bound', async () => {
    dataOf(
      await first.post(REGISTER, { input: { id: 'cast', name: 'Cast Co.', roles: ['PARTNER'], endpoint: 'http://127.0.0.1:4102/graphql' } }, 'partnerAdmin'),
    );
    expect(await statusAt(first, 'cast')).toBe('PENDING');
    expect(await statusAt(second, 'cast')).toBeDefined(); // both replicas hold a snapshot now
    dataOf(await first.post('mutation { approveMember(id: "cast") { id status } }', {}, 'leaderAdmin'));
    expect(await statusAt(first, 'cast')).toBe('ACTIVE');
    expect(dataOf(await first.post('{ member(id: "cast") { status roles } cluster { memberCount } }'))).toEqual({
      member: { status: 'ACTIVE', roles: ['PARTNER'] },
      cluster: { memberCount: 1 },
    });
    const started = Date.now();
    expect(await within(1500, async () => (await statusAt(second, 'cast')) === 'ACTIVE')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);

    dataOf(await second.post('mutation { suspendMember(id: "cast", reason: "unpaid fees") { id status } }', {}, 'leaderAdmin'));
    expect(await statusAt(second, 'cast')).toBe('SUSPENDED');
    expect(await within(1500, async () => (await statusAt(first, 'cast')) === 'SUSPENDED')).toBe(true);
  });

  it('gives the gateway’s routing table the database’s rows, and sees a change made by hand in SQL within a second', async () => {
    expect(await statusAt(first, 'cast')).toBe('SUSPENDED');
    await first.app.database.db.update(members).set({ status: 'ACTIVE', statusReason: null }).where(eq(members.id, 'cast'));
    // The gateway's poll (its system identity) reads the database itself.
    const table = dataOf(await first.post('{ routingTable { memberId status } }', {}, 'gateway'))['routingTable'] as Array<{
      memberId: string;
      status: string;
    }>;
    expect(table.find((entry) => entry.memberId === 'cast')?.status).toBe('ACTIVE');
    expect(await within(1500, async () => (await statusAt(first, 'cast')) === 'ACTIVE')).toBe(true);
  });
});
