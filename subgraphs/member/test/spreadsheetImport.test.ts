import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { badInput, dataOf, startMember, type RunningMember } from './harness.ts';

// importCapacity / importProduction (issue 19) on a real member: a dry run reports every problem
// by input index and field and writes nothing; an import writes every row or none; only the
// firm's own admins and planners may import (or dry-run: it tells which lines the firm has).

const IMPORT_CAPACITY = `mutation($input: [CapacityInput!]!, $dryRun: Boolean!) {
  importCapacity(memberId: "cast", input: $input, dryRun: $dryRun) { dryRun rows written problems { index field message } }
}`;
const IMPORT_PRODUCTION = `mutation($input: [ProductionRecordInput!]!, $dryRun: Boolean!) {
  importProduction(memberId: "cast", input: $input, dryRun: $dryRun) { dryRun rows written problems { index field message } }
}`;
const CAPACITY = `query($from: Date!, $to: Date!) { _entities(representations: [{ __typename: "Member", id: "cast" }]) { ... on Member { capacity(from: $from, to: $to) { process weekStart actualHours maximumHours pricePerHour } } } }`;
const PRODUCTION = `query($from: Date!, $to: Date!) { _entities(representations: [{ __typename: "Member", id: "cast" }]) { ... on Member { production(from: $from, to: $to) { lineId shiftStart goodQuantity scrapQuantity } } } }`;

describe('spreadsheet imports on the member', () => {
  let member: RunningMember;
  const week1 = addWeeks(mondayOf(new Date()), 1);
  const week2 = addWeeks(week1, 1);
  const range = { from: week1, to: addWeeks(week1, 6) };
  const capacity = async () => dataOf(await member.gql(CAPACITY, range))['_entities'][0].capacity;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const productionRange = { from: yesterday, to: yesterday };
  const production = async () => dataOf(await member.gql(PRODUCTION, productionRange))['_entities'][0].production;
  const row = (o: Record<string, unknown> = {}) => ({ process: 'CASTING', weekStart: week1, actualHours: 100, maximumHours: 140, pricePerHour: 70_000, ...o });
  const shift = (o: Record<string, unknown> = {}) => ({
    lineId: 'cast-1',
    shiftStart: `${yesterday}T06:00:00Z`,
    goodQuantity: 900,
    scrapQuantity: 12,
    runMinutes: 420,
    downMinutes: 60,
    ...o,
  });

  beforeAll(async () => {
    member = await startMember('member-spreadsheets', { memberId: 'cast' });
    dataOf(await member.gql(`mutation { setCapabilities(memberId: "cast", input: [{ process: CASTING, materials: ["aluminium"] }]) { process } }`));
    dataOf(await member.gql(`mutation { upsertLine(memberId: "cast", input: { id: "cast-1", name: "Die casting 1", processes: [CASTING] }) { id } }`));
  }, 120_000);

  afterAll(async () => {
    await member?.stop();
  });

  it('a dry run lists every problem by index and field and writes nothing, even the good rows', async () => {
    const input = [row(), row({ weekStart: week2, actualHours: 500 }), row({ process: 'FORGING', weekStart: week2 }), row({ weekStart: '2026-12-16' }), row()];
    const report = dataOf(await member.gql(IMPORT_CAPACITY, { input, dryRun: true }))['importCapacity'];
    expect(report).toMatchObject({ dryRun: true, rows: 5, written: 0 });
    const problems = report.problems as Array<{ index: number; field: string; message: string }>;
    expect(problems.map((p) => [p.index, p.field])).toEqual(
      expect.arrayContaining([
        [1, 'actualHours'],
        [2, 'process'],
        [3, 'weekStart'],
        [4, 'weekStart'],
      ]),
    );
    expect(problems.find((p) => p.index === 1)!.message).toContain('168 h');
    expect(problems.find((p) => p.index === 4)!.message).toContain('duplicate process and week');
    expect(await capacity()).toEqual([]);
  });

  it('a dry run of good rows reports no problem and still writes nothing', async () => {
    const report = dataOf(await member.gql(IMPORT_CAPACITY, { input: [row(), row({ weekStart: week2 })], dryRun: true }))['importCapacity'];
    expect(report).toEqual({ dryRun: true, rows: 2, written: 0, problems: [] });
    expect(await capacity()).toEqual([]);
  });

  it('an import writes every row', async () => {
    const report = dataOf(await member.gql(IMPORT_CAPACITY, { input: [row(), row({ weekStart: week2, actualHours: 90, pricePerHour: null })], dryRun: false }))[
      'importCapacity'
    ];
    expect(report).toEqual({ dryRun: false, rows: 2, written: 2, problems: [] });
    expect(await capacity()).toEqual([
      { process: 'CASTING', weekStart: week1, actualHours: 100, maximumHours: 140, pricePerHour: 70_000 },
      { process: 'CASTING', weekStart: week2, actualHours: 90, maximumHours: 140, pricePerHour: null },
    ]);
  });

  it('an import with one bad row is refused whole (BAD_USER_INPUT, every problem listed) and changes nothing', async () => {
    const before = await capacity();
    const refused = badInput(
      await member.gql(IMPORT_CAPACITY, { input: [row({ actualHours: 10 }), row({ weekStart: week2, maximumHours: -1 })], dryRun: false }),
    );
    expect(refused.field).toBe('input[1].maximumHours');
    expect(refused.problems.map((p) => p.field)).toEqual(['input[1].maximumHours']);
    expect(await capacity()).toEqual(before);
  });

  it('reports too many rows as a problem of the input as a whole, before looking at any row', async () => {
    const input = Array.from({ length: 501 }, (_, i) => row({ weekStart: addWeeks(week1, i) }));
    const report = dataOf(await member.gql(IMPORT_CAPACITY, { input, dryRun: true }))['importCapacity'];
    expect(report.problems).toEqual([{ index: null, field: 'input', message: 'at most 500 rows per call (got 501)' }]);
    const refused = badInput(await member.gql(IMPORT_CAPACITY, { input, dryRun: false }));
    expect(refused.field).toBe('input');
  });

  it('refuses another firm, and a user of the firm who is neither admin nor planner, dry runs included', async () => {
    const before = await capacity();
    for (const viewer of [
      { userId: 'admin@heat', memberId: 'heat', roles: ['admin', 'planner'] },
      { userId: 'viewer@cast', memberId: 'cast', roles: ['viewer'] },
    ]) {
      for (const dryRun of [true, false]) {
        const refused = await member.gql(IMPORT_CAPACITY, { input: [row({ actualHours: 1 })], dryRun }, { token: await member.tokenFor(viewer) });
        expect(refused.data ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', memberId: 'cast' });
      }
    }
    const admin = await member.gql(
      IMPORT_CAPACITY,
      { input: [row({ actualHours: 1 })], dryRun: true },
      { token: await member.tokenFor({ userId: 'admin@cast', memberId: 'cast', roles: ['admin'] }) },
    );
    expect(dataOf(admin)['importCapacity'].problems).toEqual([]);
    expect(await capacity()).toEqual(before);
  });

  it('production: a dry run names the unknown line and the future shift; an import writes all shifts', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const report = dataOf(
      await member.gql(IMPORT_PRODUCTION, {
        input: [shift(), shift({ lineId: 'nope' }), shift({ shiftStart: tomorrow }), shift({ goodQuantity: -5 })],
        dryRun: true,
      }),
    )['importProduction'];
    expect(report.problems.map((p: { index: number; field: string }) => [p.index, p.field])).toEqual(
      expect.arrayContaining([
        [1, 'lineId'],
        [2, 'shiftStart'],
        [3, 'goodQuantity'],
      ]),
    );
    expect(await production()).toEqual([]);

    const written = dataOf(
      await member.gql(IMPORT_PRODUCTION, { input: [shift(), shift({ shiftStart: `${yesterday}T14:00:00Z`, goodQuantity: 800 })], dryRun: false }),
    )['importProduction'];
    expect(written).toEqual({ dryRun: false, rows: 2, written: 2, problems: [] });
    expect((await production()).map((r: { goodQuantity: number }) => r.goodQuantity)).toEqual([900, 800]);
  });
});
