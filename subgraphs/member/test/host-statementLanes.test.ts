import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { firmSearchPath, isPlainRead } from '../src/host/schemaScopedClient.ts';
import { StatementLanes } from '../src/host/statementLanes.ts';

// The member host's single statements (issue 18, made cheaper): plain reads run under a lane's
// session search_path, set ahead of them when the lane was on another firm's; writes run as
// BEGIN; SET LOCAL; statement; COMMIT. Whatever the order, a firm reads and writes only its own
// schema, and a read that followed a failed SET is never answered.

describe('statement lanes (PostgreSQL)', () => {
  let database: TestDatabase;
  let sql: Sql;
  let lanes: StatementLanes;
  const A = firmSearchPath('firm_a');
  const B = firmSearchPath('firm_b');
  const readWho = (lane: import('postgres').ReservedSql) => lane.unsafe('select who from marker');

  beforeAll(async () => {
    database = await createTestDatabase('host_lanes', 'postgres');
    sql = postgres(database.url!, { max: 4, onnotice: () => {}, connection: { search_path: 'member_host' } });
    await sql.unsafe(`create schema member_host; create schema member_types;
      create schema firm_a; create table firm_a.marker (who text); insert into firm_a.marker values ('a');
      create schema firm_b; create table firm_b.marker (who text); insert into firm_b.marker values ('b');`);
    // Two lanes: many reads of both firms share them, so lanes switch paths all the time.
    lanes = new StatementLanes(sql, 2);
  });
  afterAll(async () => {
    lanes?.close();
    await sql?.end({ timeout: 5 });
    await database?.drop();
  });

  it('answers every read from its own firm, whatever the lanes served before', async () => {
    const reads = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const firm = i % 3 === 0 ? 'a' : 'b';
        const rows = await lanes.runRead(firm === 'a' ? A : B, readWho);
        return { firm, rows };
      }),
    );
    for (const { firm, rows } of reads) expect(rows).toEqual([{ who: firm }]);
  });

  it('keeps reads and writes of two firms apart when they interleave on the same lanes', async () => {
    const units = await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const firm = i % 2 ? 'a' : 'b';
        const path = firm === 'a' ? A : B;
        if (i % 3 === 0) {
          await lanes.runInTransaction(path, (lane) => lane.unsafe('insert into marker values ($1)', [`${firm}-w${i}`]));
          return null;
        }
        return { firm, rows: await lanes.runRead(path, (lane) => lane.unsafe('select distinct left(who, 1) as who from marker')) };
      }),
    );
    for (const unit of units) if (unit) expect(unit.rows).toEqual([{ who: unit.firm }]);
    await sql.unsafe(`delete from firm_a.marker where who like 'a-w%'; delete from firm_b.marker where who like 'b-w%'`);
  });

  it('writes in a transaction with SET LOCAL, on a lane whose session path is the same firm’s', async () => {
    await lanes.runRead(A, readWho);
    await Promise.all([
      lanes.runInTransaction(B, (lane) => lane.unsafe('insert into marker values ($1)', ['b2'])),
      lanes.runInTransaction(A, (lane) => lane.unsafe('insert into marker values ($1)', ['a2'])),
    ]);
    expect((await sql.unsafe('select who from firm_a.marker order by who')).map((r) => r['who'])).toEqual(['a', 'a2']);
    expect((await sql.unsafe('select who from firm_b.marker order by who')).map((r) => r['who'])).toEqual(['b', 'b2']);
    // A write leaves its lane on its own firm's session path: the next read of that lane, with no SET ahead, sees the writer's firm.
    await lanes.runInTransaction(B, (lane) => lane.unsafe('insert into marker values ($1)', ['b3']));
    await lanes.runInTransaction(B, (lane) => lane.unsafe('delete from marker where who = $1', ['b3']));
    const paths = await Promise.all(Array.from({ length: 4 }, () => lanes.runRead(A, (lane) => lane.unsafe('select current_schema() as s'))));
    expect(paths.map((r) => r[0]!['s'])).toEqual(['firm_a', 'firm_a', 'firm_a', 'firm_a']);
  });

  it('never answers a read whose SET failed, and sets the path again for the next one', async () => {
    // Both lanes on firm A first.
    await Promise.all([lanes.runRead(A, readWho), lanes.runRead(A, readWho)]);
    // A path PostgreSQL refuses: the SET fails, the read after it ran under firm A's path — and must not be answered.
    const broken = '"firm_b", syntax error here';
    const refused = await Promise.allSettled(Array.from({ length: 4 }, () => lanes.runRead(broken, readWho)));
    expect(refused.every((r) => r.status === 'rejected' && /syntax/.test(String((r.reason as Error).message)))).toBe(true);
    // The lanes are usable again, for both firms.
    expect(await lanes.runRead(B, readWho)).toEqual(expect.arrayContaining([{ who: 'b' }]));
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => lanes.runRead(i % 2 ? A : B, (lane) => lane.unsafe('select current_schema() as s'))));
    expect(after.map((r) => r[0]!['s'])).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'firm_a' : 'firm_b')));
  });

  it('rolls back a failed write without changing the next read’s path', async () => {
    await expect(lanes.runInTransaction(A, (lane) => lane.unsafe('insert into marker values ($1::int)', ['not a number']))).rejects.toThrow();
    expect((await sql.unsafe('select count(*)::int as n from firm_a.marker'))[0]!['n']).toBe(2);
    expect(await lanes.runRead(B, (lane) => lane.unsafe('select current_schema() as s'))).toEqual([{ s: 'firm_b' }]);
  });
});

describe('which statements may run as plain reads', () => {
  it.each([
    ['select "id", "name" from "lines" order by "lines"."id"', true],
    ['  SELECT count(*) FROM capacity_weeks WHERE week_start between $1 and $2', true],
    ['select * from lines for update', false],
    ['select * from lines for no key update', false],
    ['select * from lines for share', false],
    ['select * into copied from lines', false],
    ["select set_config('search_path', 'firm_b', false)", false],
    ['select 1; delete from lines', false],
    ["select nextval('seq')", false],
    ['select pg_advisory_lock(1)', false],
    ["select pg_notify('c', 'x')", false],
    ['select "stored_now", "seq" from store_line_events($1::jsonb, $2::text)', false],
    ['with gone as (delete from lines returning id) select * from gone', false],
    ['insert into data_usage values ($1)', false],
    ['update lines set name = $1', false],
    ['begin', false],
  ])('%s → %s', (query, plain) => {
    expect(isPlainRead(query)).toBe(plain);
  });
});
