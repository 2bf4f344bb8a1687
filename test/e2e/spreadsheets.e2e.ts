import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allProblems,
  capacityTemplateRows,
  firmProcesses,
  importInput,
  productionExportRows,
  readSheet,
  writeSheet,
  type MemberImportReport,
  type ProductionRecordLike,
  type SheetKind,
} from '@clustergraph/spreadsheets';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, type TestCluster } from '../src/index.ts';

// Spreadsheets in and out (issue 19) through the gateway, as the console and the CLI do it:
// a workbook made by the shared package, read by it, its rows checked by the firm's member
// (dry run: a report, nothing written) and then imported all-or-nothing. Another firm's user
// is refused, dry runs included.

const SHEET_CAPACITY = `query($id: ID!, $from: Date!, $to: Date!) {
  member(id: $id) { id capabilities { process } lines { id processes } capacity(from: $from, to: $to) { process weekStart actualHours maximumHours pricePerHour } }
}`;
const PRODUCTION = `query($id: ID!, $from: Date!, $to: Date!) { member(id: $id) { production(from: $from, to: $to) { lineId shiftStart goodQuantity scrapQuantity runMinutes downMinutes energyKwh } } }`;
const IMPORT = {
  capacity: `mutation($memberId: ID!, $input: [CapacityInput!]!, $dryRun: Boolean!) { importCapacity(memberId: $memberId, input: $input, dryRun: $dryRun) { dryRun rows written problems { index field message } } }`,
  production: `mutation($memberId: ID!, $input: [ProductionRecordInput!]!, $dryRun: Boolean!) { importProduction(memberId: $memberId, input: $input, dryRun: $dryRun) { dryRun rows written problems { index field message } } }`,
};

describe('spreadsheets in and out through the gateway', () => {
  let cluster: TestCluster;
  let castAdmin: string;
  const from = mondayFromNow(1);
  const to = mondayFromNow(4);
  const csvOf = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

  const calendar = async () =>
    expectNoErrors(await gql(cluster.gatewayUrl, SHEET_CAPACITY, { id: 'cast', from, to }, { token: castAdmin, purpose: 'JOINT_PLANNING' }))['member'];
  const importRows = (kind: SheetKind, input: unknown[], dryRun: boolean, token = castAdmin, memberId = 'cast') =>
    gql(cluster.gatewayUrl, IMPORT[kind], { memberId, input, dryRun }, { token });
  const report = async (kind: SheetKind, input: unknown[], dryRun: boolean) =>
    expectNoErrors(await importRows(kind, input, dryRun))[kind === 'capacity' ? 'importCapacity' : 'importProduction'] as MemberImportReport;

  beforeAll(async () => {
    cluster = await startTestCluster();
    castAdmin = await cluster.token('admin@cast');
  }, 180_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  it('a filled Korean template, changed and uploaded: the dry run reports no problem and writes nothing; the import writes every row', async () => {
    const before = await calendar();
    const processes = firmProcesses(before.capabilities, before.lines);
    expect(processes).toEqual(['CASTING']);
    const weeks = [from, mondayFromNow(2), mondayFromNow(3), to];
    const template = capacityTemplateRows(processes, weeks, before.capacity);
    expect(template).toHaveLength(4);
    expect(template[0]).toMatchObject({ process: 'CASTING', weekStart: from, actualHours: 120, maximumHours: 150 });

    const changed = template.map((row, i) => ({ ...row, actualHours: 100 + i * 10, maximumHours: 160, pricePerHour: 72_000 }));
    const parsed = await readSheet('capacity', await writeSheet('capacity', changed, { format: 'xlsx', language: 'ko', processes }));
    expect(parsed.columns.map((c) => c.header)[0]).toBe('공정');
    const input = importInput(parsed);

    const dryRun = await report('capacity', input, true);
    expect(dryRun).toEqual({ dryRun: true, rows: 4, written: 0, problems: [] });
    expect((await calendar()).capacity).toEqual(before.capacity);

    expect(await report('capacity', input, false)).toEqual({ dryRun: false, rows: 4, written: 4, problems: [] });
    expect((await calendar()).capacity).toEqual(
      weeks.map((weekStart, i) => ({ process: 'CASTING', weekStart, actualHours: 100 + i * 10, maximumHours: 160, pricePerHour: 72_000 })),
    );
  });

  it('a bad sheet: every problem by row and column (the file’s and the member’s), and nothing written', async () => {
    const before = await calendar();
    const parsed = await readSheet(
      'capacity',
      csvOf([
        'Process,Week (Monday),Actual hours,Maximum hours,Price per hour (KRW)',
        `CASTING,${from},90,150,`,
        `CASTING,${mondayFromNow(2)},lots,150,`,
        `FORGING,${mondayFromNow(2)},10,20,`,
        `CASTING,1900-01-01,10,20,`,
        `CASTING,${mondayFromNow(3)},200,210,`,
        `CASTING,${from},80,150,`,
      ]),
    );
    const dryRun = await report('capacity', importInput(parsed), true);
    expect(dryRun.written).toBe(0);
    expect(allProblems(parsed, dryRun).map((p) => [p.row, p.column])).toEqual([
      [3, 'C'], // text in a number cell (the file)
      [4, 'A'], // a process cast does not run (the member)
      [5, 'B'], // outside the planning horizon
      [6, 'C'], // 200 h on one casting line
      [6, 'D'],
      [7, null], // the week twice
    ]);
    expect((await calendar()).capacity).toEqual(before.capacity);

    // Sent for real anyway (a client that skips the dry run): refused whole, nothing written.
    const refused = await importRows('capacity', importInput(parsed), false);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[1].process', memberId: 'cast' });
    expect((refused.errors?.[0]?.extensions?.['problems'] as unknown[]).length).toBe(4);
    expect((await calendar()).capacity).toEqual(before.capacity);
  });

  it("refuses another firm's users and visitors, dry runs included, and writes nothing", async () => {
    const before = await calendar();
    const input = [{ process: 'CASTING', weekStart: from, actualHours: 1, maximumHours: 2 }];
    const heatAdmin = await cluster.token('admin@heat');
    const leadPlanner = await cluster.token('planner@lead');
    for (const token of [heatAdmin, leadPlanner]) {
      for (const dryRun of [true, false]) {
        const refused = await importRows('capacity', input, dryRun, token);
        expect(refused.data ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', memberId: 'cast' });
      }
    }
    const anonymous = await gql(cluster.gatewayUrl, IMPORT.capacity, { memberId: 'cast', input, dryRun: true });
    expect(anonymous.data ?? null).toBeNull();
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(anonymous.errors?.[0]?.extensions?.['code']);
    expect((await calendar()).capacity).toEqual(before.capacity);
  });

  it('production records: a CSV of shifts imported all-or-nothing, then exported as the same rows', async () => {
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const read = async () =>
      expectNoErrors(await gql(cluster.gatewayUrl, PRODUCTION, { id: 'cast', from: day, to: day }, { token: castAdmin }))['member']
        .production as ProductionRecordLike[];
    const before = await read();
    const header = 'Line,Shift start (KST),Good quantity,Scrap quantity,Run minutes,Down minutes,Energy (kWh)';
    const bad = await readSheet('production', csvOf([header, `cast-line-1,${day}T23:30:00Z,500,5,400,20,100`, `no-such-line,${day}T23:30:00Z,500,5,400,20,`]));
    const badReport = await report('production', importInput(bad), true);
    expect(allProblems(bad, badReport).map((p) => [p.row, p.column, p.message])).toEqual([[3, 'A', 'unknown line "no-such-line"']]);
    expect((await importRows('production', importInput(bad), false)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await read()).toEqual(before);

    const good = await readSheet('production', csvOf([header, `cast-line-1,${day}T22:00:00Z,500,5,400,20,100`, `cast-line-1,${day}T23:30:00Z,480,9,410,10,`]));
    expect(await report('production', importInput(good), false)).toMatchObject({ written: 2, problems: [] });
    const after = await read();
    const imported = after.filter((r) => r.shiftStart >= `${day}T22:00`);
    expect(imported.map((r) => [r.shiftStart, r.goodQuantity])).toEqual([
      [`${day}T22:00:00.000Z`, 500],
      [`${day}T23:30:00.000Z`, 480],
    ]);
    const exported = await readSheet('production', await writeSheet('production', productionExportRows(imported), { format: 'xlsx', language: 'en' }));
    expect(importInput(exported)).toEqual(importInput(good));
  });
});
