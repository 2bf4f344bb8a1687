import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type DatabaseHandle } from '@clustergraph/runtime';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { MEMBER_MIGRATIONS_FOLDER } from '../src/app.ts';
import { capacityWeeks, lines, type MemberSchema } from '../src/db/schema.ts';
import type { FirmDatabases } from '../src/host/firmDatabases.ts';
import { openPgliteFirms } from '../src/host/pgliteFirms.ts';
import { openPostgresFirms } from '../src/host/postgresFirms.ts';

// The member host's storage (issue 18): two firms on one pool (PostgreSQL: a schema each;
// PGlite: a folder each) written and read at the same time never see each other's rows.

const HOST_MIGRATIONS = fileURLToPath(new URL('../drizzle-host', import.meta.url));

describe('hosted firm databases', () => {
  let testDatabase: TestDatabase;
  let databases: FirmDatabases;
  let acme: DatabaseHandle<MemberSchema>;
  let bolt: DatabaseHandle<MemberSchema>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('host_firms');
    const common = { memberMigrations: MEMBER_MIGRATIONS_FOLDER, hostMigrations: HOST_MIGRATIONS, logger: silentLogger };
    // Two connections for the host: firms' statements queue for them, interleaved.
    databases = testDatabase.url
      ? await openPostgresFirms({ ...common, url: testDatabase.url, poolMax: 2 })
      : await openPgliteFirms({ ...common, dataDir: testDatabase.dataDir });
    for (const id of ['acme', 'bolt-works']) await databases.create(id);
    acme = await databases.open('acme', silentLogger);
    bolt = await databases.open('bolt-works', silentLogger);
  }, 120_000);
  afterAll(async () => {
    await acme?.close();
    await bolt?.close();
    await databases?.close();
    await testDatabase?.drop();
  });

  it('keeps concurrent reads and writes of two firms apart, enum parameters included', async () => {
    const firms = [
      { id: 'acme', db: acme, process: 'CASTING' as const },
      { id: 'bolt-works', db: bolt, process: 'WELDING' as const },
    ];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const firm = firms[i % 2]!;
        return firm.db.db.insert(lines).values({ id: `${firm.id}-line-${i}`, name: `line ${i}`, processes: [firm.process] });
      }),
    );
    await Promise.all(
      firms.map((firm) => firm.db.db.insert(capacityWeeks).values({ process: firm.process, weekStart: '2026-12-07', actualHours: 10, maximumHours: 20 })),
    );
    const reads = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const firm = firms[i % 2]!;
        const [own, other] = await Promise.all([
          firm.db.db.select().from(capacityWeeks).where(eq(capacityWeeks.process, firm.process)),
          firm.db.db
            .select()
            .from(capacityWeeks)
            .where(eq(capacityWeeks.process, firms[(i + 1) % 2]!.process)),
        ]);
        const ids = (await firm.db.db.select({ id: lines.id }).from(lines)).map((l) => l.id);
        return { firm, own, other, ids };
      }),
    );
    for (const { firm, own, other, ids } of reads) {
      expect(own).toHaveLength(1);
      expect(other).toEqual([]);
      expect(ids).toHaveLength(20);
      expect(ids.every((id) => id.startsWith(`${firm.id}-line-`))).toBe(true);
    }
  });

  it('rolls back one firm’s failed transaction without touching the other', async () => {
    await expect(
      acme.db.transaction(async (tx) => {
        await tx.insert(lines).values({ id: 'acme-doomed', name: 'doomed', processes: ['CASTING'] });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await acme.db.select().from(lines).where(eq(lines.id, 'acme-doomed'))).toEqual([]);
    expect((await bolt.db.select({ id: lines.id }).from(lines)).length).toBe(20);
  });

  it('returns pooled connections to the host schema, with no firm table on its path', async () => {
    const seen = await Promise.all(
      Array.from({ length: 10 }, () => databases.host.execute(sql`select current_schema() as schema, to_regclass('lines')::text as lines`)),
    );
    for (const result of seen) {
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ schema: string; lines: string | null }>;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.lines).toBeNull();
      expect(rows[0]!.schema).toBe(databases.driver === 'postgres' ? 'member_host' : 'public');
    }
  });

  it('drops one firm with its rows counted, leaving the other', async () => {
    await bolt.close();
    const removed = await databases.drop('bolt-works');
    expect(removed).toMatchObject({ lines: 20, capacity_weeks: 1 });
    expect(removed).not.toHaveProperty('__drizzle_migrations');
    expect((await acme.db.select({ id: lines.id }).from(lines)).length).toBe(20);
    // Opened again, the id starts empty.
    await databases.create('bolt-works');
    bolt = await databases.open('bolt-works', silentLogger);
    expect(await bolt.db.select().from(lines)).toEqual([]);
  });
});
