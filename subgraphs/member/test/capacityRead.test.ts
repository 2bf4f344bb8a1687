import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, mondayOf, openDatabase, silentLogger, type DatabaseHandle } from '@clustergraph/runtime';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { MEMBER_MIGRATIONS_FOLDER } from '../src/app.ts';
import { readCapacityBuckets } from '../src/data/capacity.ts';
import { allocations, capacityWeeks, memberSchema, type MemberSchema } from '../src/db/schema.ts';

// The overview's capacity read (every process: calendar and committed loads in one prepared
// UNION ALL statement) gives exactly the buckets the per-process reads give, on the database.

const MONDAY = mondayOf(new Date());

describe.each(['postgres', 'pglite'] as const)('capacity read of every process (%s)', (driver) => {
  let testDatabase: TestDatabase;
  let database: DatabaseHandle<MemberSchema>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('member_capacity_read', driver);
    database = await openDatabase({
      url: testDatabase.url,
      dataDir: testDatabase.dataDir,
      schema: memberSchema,
      migrationsFolder: MEMBER_MIGRATIONS_FOLDER,
      logger: silentLogger,
    });
    await database.db.insert(capacityWeeks).values([
      { process: 'CASTING', weekStart: MONDAY, actualHours: 100, maximumHours: 120, pricePerHour: 50_000 },
      { process: 'CASTING', weekStart: addWeeks(MONDAY, 1), actualHours: 80, maximumHours: 80, pricePerHour: null },
      { process: 'CNC_MACHINING', weekStart: MONDAY, actualHours: 40, maximumHours: 60, pricePerHour: 30_000 },
    ]);
    const allocation = (id: string, process: 'CASTING' | 'CNC_MACHINING' | 'HEAT_TREATMENT', week: number, hours: number, status: string) => ({
      id,
      jointOrderId: 'o1',
      operationIndex: 0,
      process,
      weekStart: addWeeks(MONDAY, week),
      quantity: 10,
      hours,
      status: status as never,
    });
    await database.db.insert(allocations).values([
      allocation('a1', 'CASTING', 0, 30, 'ACCEPTED'),
      allocation('a2', 'CASTING', 0, 15, 'IN_PROGRESS'),
      allocation('a3', 'CASTING', 0, 999, 'PROPOSED'),
      allocation('a4', 'CNC_MACHINING', 0, 70, 'ACCEPTED'),
      // Committed where the calendar has no row: the bucket shows the over-commitment.
      allocation('a5', 'HEAT_TREATMENT', 1, 12, 'ACCEPTED'),
      allocation('a6', 'CASTING', 1, 5, 'DECLINED'),
      // Outside the range asked.
      allocation('a7', 'CASTING', 6, 40, 'ACCEPTED'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it('gives the calendar with the committed hours, and committed weeks without a calendar row', async () => {
    const range = { from: MONDAY, to: addWeeks(MONDAY, 2) };
    const all = await readCapacityBuckets(database.db, range);
    const perProcess = (
      await Promise.all((['CASTING', 'CNC_MACHINING', 'HEAT_TREATMENT'] as const).map((process) => readCapacityBuckets(database.db, { ...range, process })))
    ).flat();
    expect(all).toHaveLength(4);
    expect(new Set(all.map((b) => JSON.stringify(b)))).toEqual(new Set(perProcess.map((b) => JSON.stringify(b))));
    expect(all.find((b) => b.process === 'CASTING' && b.weekStart === MONDAY)).toMatchObject({
      actualHours: 100,
      maximumHours: 120,
      pricePerHour: 50_000,
      committedHours: 45,
      availableHours: 55,
    });
    expect(all.find((b) => b.process === 'CNC_MACHINING')).toMatchObject({ committedHours: 70, availableHours: 0 });
    expect(all.find((b) => b.process === 'HEAT_TREATMENT')).toMatchObject({
      actualHours: 0,
      maximumHours: 0,
      committedHours: 12,
      weekStart: addWeeks(MONDAY, 1),
    });
    expect(all.find((b) => b.process === 'CASTING' && b.weekStart === addWeeks(MONDAY, 1))).toMatchObject({ committedHours: 0, pricePerHour: null });
    // The same statement again (prepared, re-executed): the same answer.
    expect(await readCapacityBuckets(database.db, range)).toEqual(all);
  });
});
