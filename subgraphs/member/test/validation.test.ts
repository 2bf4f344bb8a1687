import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mondayOf, addWeeks, addDays } from '@clustergraph/runtime';
import { badInput, dataOf, startMember, type RunningMember } from './harness.ts';

const MONDAY = addWeeks(mondayOf(new Date()), 1);
const TUESDAY = addDays(MONDAY, 1);

const SET_CAPACITY = `mutation($memberId: ID!, $input: [CapacityInput!]!) {
  setCapacity(memberId: $memberId, input: $input) { process weekStart actualHours maximumHours } }`;
const READ_CAPACITY = `query($from: Date!, $to: Date!) {
  _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { capacity(from: $from, to: $to) { process weekStart actualHours maximumHours pricePerHour } } } }`;
const REPORT_PRODUCTION = `mutation($memberId: ID!, $input: [ProductionRecordInput!]!) {
  reportProduction(memberId: $memberId, input: $input) { lineId } }`;
const PROPOSE = `mutation($memberId: ID!, $input: [AllocationInput!]!) { proposeAllocations(memberId: $memberId, input: $input) { id } }`;

let member: RunningMember;

const capacityRow = (overrides: Record<string, unknown> = {}) => ({
  process: 'CASTING',
  weekStart: MONDAY,
  actualHours: 40,
  maximumHours: 60,
  pricePerHour: 70_000,
  ...overrides,
});
const productionRow = (overrides: Record<string, unknown> = {}) => ({
  lineId: 'cell-1',
  shiftStart: '2026-01-05T21:00:00Z',
  goodQuantity: 100,
  scrapQuantity: 2,
  runMinutes: 420,
  downMinutes: 20,
  energyKwh: 150,
  ...overrides,
});
const allocationRow = (overrides: Record<string, unknown> = {}) => ({
  id: 'alloc-1',
  jointOrderId: 'jo-1',
  operationIndex: 0,
  process: 'CASTING',
  weekStart: MONDAY,
  quantity: 100,
  hours: 10,
  ...overrides,
});

async function capacityNow() {
  return dataOf(await member.gql(READ_CAPACITY, { from: MONDAY, to: addWeeks(MONDAY, 1) }))['_entities'][0].capacity;
}
async function productionCount() {
  const q = `{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { production(from: "2025-06-01", to: "2026-12-31") { lineId } } } }`;
  return dataOf(await member.gql(q))['_entities'][0].production.length;
}
async function allocationCount() {
  const q = `{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { allocations { id } } } }`;
  return dataOf(await member.gql(q))['_entities'][0].allocations.length;
}

beforeAll(async () => {
  member = await startMember('member-validation');
  dataOf(
    await member.gql(
      `mutation { upsertLine(memberId: "acme", input: { id: "cell-1", name: "Die casting cell", processes: [CASTING, WELDING], ratedUnitsPerHour: 30 }) { id } }`,
    ),
  );
  dataOf(await member.gql(SET_CAPACITY, { memberId: 'acme', input: [capacityRow()] }));
});
afterAll(async () => {
  await member?.stop();
});

describe('setCapacity validation: the whole input is checked, nothing is written on error', () => {
  const cases: Array<[string, Array<Record<string, unknown>>, string]> = [
    ['negative actual hours', [capacityRow({ actualHours: 5 }), capacityRow({ process: 'WELDING', actualHours: -1 })], 'input[1].actualHours'],
    ['negative maximum hours', [capacityRow({ maximumHours: -3, actualHours: 0 })], 'input[0].maximumHours'],
    ['actual above maximum', [capacityRow({ actualHours: 61 })], 'input[0].actualHours'],
    ['a week that does not start on Monday', [capacityRow({ actualHours: 1 }), capacityRow({ weekStart: TUESDAY })], 'input[1].weekStart'],
    ['the same process and week twice', [capacityRow({ actualHours: 1 }), capacityRow({ actualHours: 2 })], 'input[1].weekStart'],
    ['a negative price', [capacityRow({ pricePerHour: -1 })], 'input[0].pricePerHour'],
    // Issue 13: each of these was stored.
    ['1e308 hours', [capacityRow({ actualHours: 1, maximumHours: 1e308 })], 'input[0].maximumHours'],
    ['more than 168 h for the one line running the process', [capacityRow({ actualHours: 100, maximumHours: 169 })], 'input[0].maximumHours'],
    ['week 1900-01-01', [capacityRow({ actualHours: 1 }), capacityRow({ weekStart: '1900-01-01' })], 'input[1].weekStart'],
    ['a process the firm does not run', [capacityRow({ process: 'FORGING' })], 'input[0].process'],
    ['10,000 rows', Array.from({ length: 10_000 }, (_, i) => capacityRow({ weekStart: addWeeks(MONDAY, i) })), 'input'],
  ];
  it.each(cases)('rejects %s', async (_name, input, field) => {
    const before = await capacityNow();
    const error = badInput(await member.gql(SET_CAPACITY, { memberId: 'acme', input }));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(await capacityNow()).toEqual(before);
  });

  it('lists every problem in extensions.problems', async () => {
    const error = badInput(
      await member.gql(SET_CAPACITY, { memberId: 'acme', input: [capacityRow({ actualHours: -1 }), capacityRow({ process: 'WELDING', weekStart: TUESDAY })] }),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['input[0].actualHours', 'input[1].weekStart']);
  });

  it('rejects another member id on field memberId', async () => {
    expect(badInput(await member.gql(SET_CAPACITY, { memberId: 'someone-else', input: [capacityRow({ actualHours: 1 })] })).field).toBe('memberId');
    expect((await capacityNow())[0].actualHours).toBe(40);
  });

  it('keeps the price on file when a row omits it', async () => {
    const { pricePerHour: _omitted, ...withoutPrice } = capacityRow({ actualHours: 35 });
    dataOf(await member.gql(SET_CAPACITY, { memberId: 'acme', input: [withoutPrice] }));
    expect((await capacityNow())[0]).toMatchObject({ actualHours: 35, pricePerHour: 70_000 });
    dataOf(await member.gql(SET_CAPACITY, { memberId: 'acme', input: [capacityRow()] }));
  });
});

describe('line, profile and capability validation', () => {
  const UPSERT = `mutation($input: LineInput!) { upsertLine(memberId: "acme", input: $input) { id } }`;
  const line = (overrides: Record<string, unknown>) => ({ id: 'cell-2', name: 'Second cell', processes: ['CASTING'], ...overrides });
  const lineIds = async () => dataOf(await member.gql('{ lines { id } }'))['lines'].map((l: { id: string }) => l.id);

  it.each([
    ['an empty name', line({ name: '   ' }), 'input.name'],
    ['a bad id', line({ id: 'cell 2!' }), 'input.id'],
    ['no process', line({ processes: [] }), 'input.processes'],
    ['a non-positive rate', line({ ratedUnitsPerHour: 0 }), 'input.ratedUnitsPerHour'],
  ])('upsertLine rejects %s', async (_name, input, field) => {
    expect(badInput(await member.gql(UPSERT, { input })).field).toBe(field);
    expect(await lineIds()).toEqual(['cell-1']);
  });

  it.each([0, 6])('setSmartFactoryLevel rejects level %i', async (level) => {
    const response = await member.gql(`mutation($level: Int!) { setSmartFactoryLevel(memberId: "acme", level: $level) { smartFactoryLevel } }`, { level });
    expect(badInput(response).field).toBe('level');
    const read = await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { smartFactoryLevel } } }`);
    expect(dataOf(read)['_entities'][0].smartFactoryLevel).toBeNull();
  });

  it('setCapabilities rejects a process listed twice and keeps the old list', async () => {
    const SET = `mutation($input: [CapabilityInput!]!) { setCapabilities(memberId: "acme", input: $input) { process } }`;
    dataOf(await member.gql(SET, { input: [{ process: 'CASTING', materials: ['ADC12'] }] }));
    const response = await member.gql(SET, {
      input: [
        { process: 'WELDING', materials: [] },
        { process: 'WELDING', materials: ['steel'] },
      ],
    });
    expect(badInput(response).field).toBe('input[1].process');
    const read = await member.gql(
      `{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member { capabilities { process materials } } } }`,
    );
    expect(dataOf(read)['_entities'][0].capabilities).toEqual([{ process: 'CASTING', materials: ['ADC12'] }]);
  });

  it('removeLine refuses an unknown line and a line with production history', async () => {
    const unknown = await member.gql(`mutation { removeLine(memberId: "acme", lineId: "nope") { id } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'lineId' });
    dataOf(await member.gql(REPORT_PRODUCTION, { memberId: 'acme', input: [productionRow({ shiftStart: '2025-12-01T21:00:00Z' })] }));
    const withHistory = await member.gql(`mutation { removeLine(memberId: "acme", lineId: "cell-1") { id } }`);
    expect(withHistory.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'lineId' });
    expect(await lineIds()).toEqual(['cell-1']);
  });
});

describe('reportProduction validation', () => {
  it.each([
    ['an unknown line', [productionRow(), productionRow({ lineId: 'ghost', shiftStart: '2026-01-06T05:00:00Z' })], 'input[1].lineId'],
    ['negative good quantity', [productionRow({ goodQuantity: -1 })], 'input[0].goodQuantity'],
    ['negative down minutes', [productionRow({ downMinutes: -5 })], 'input[0].downMinutes'],
    ['more minutes than a day', [productionRow({ runMinutes: 1400, downMinutes: 100 })], 'input[0].runMinutes'],
    ['a shift in the future', [productionRow({ shiftStart: new Date(Date.now() + 86_400_000).toISOString() })], 'input[0].shiftStart'],
    ['the same shift twice', [productionRow(), productionRow()], 'input[1].shiftStart'],
  ])('rejects %s and writes nothing', async (_name, input, field) => {
    const before = await productionCount();
    expect(badInput(await member.gql(REPORT_PRODUCTION, { memberId: 'acme', input })).field).toBe(field);
    expect(await productionCount()).toBe(before);
  });
});

describe('proposeAllocations validation', () => {
  it.each([
    ['a zero quantity', [allocationRow({ quantity: 0 })], 'input[0].quantity'],
    ['negative hours', [allocationRow({ hours: -2 })], 'input[0].hours'],
    ['a week not starting on Monday', [allocationRow({ weekStart: TUESDAY })], 'input[0].weekStart'],
    ['a bad id', [allocationRow({ id: 'a/b' })], 'input[0].id'],
    ['an id given twice', [allocationRow(), allocationRow({ quantity: 5 })], 'input[1].id'],
    ['an empty joint order id', [allocationRow({ jointOrderId: ' ' })], 'input[0].jointOrderId'],
  ])('rejects %s and writes nothing', async (_name, input, field) => {
    expect(badInput(await member.gql(PROPOSE, { memberId: 'acme', input })).field).toBe(field);
    expect(await allocationCount()).toBe(0);
  });

  it('rejects a capacity range that ends before it starts', async () => {
    const response = await member.gql(READ_CAPACITY, { from: MONDAY, to: addDays(MONDAY, -1) });
    expect(badInput(response).field).toBe('to');
  });
});
