import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { badInput, dataOf, startMember, type RunningMember } from './harness.ts';

const WEEK = addWeeks(mondayOf(new Date()), 3);
const NEXT_WEEK = addWeeks(WEEK, 1);
const PROPOSE = `mutation($input: [AllocationInput!]!) { proposeAllocations(memberId: "heat", input: $input) { id status quantity hours } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!, $reason: String) {
  respondToAllocation(memberId: "heat", id: $id, accept: $accept, reason: $reason) { id status declineReason respondedAt } }`;
const PROGRESS = `mutation($id: ID!, $good: Int!, $scrap: Int!) {
  reportAllocationProgress(memberId: "heat", id: $id, goodQuantity: $good, scrapQuantity: $scrap) { id status progress goodQuantity scrapQuantity } }`;
const CAPACITY = `query($from: Date!, $to: Date!) { _entities(representations: [{ __typename: "Member", id: "heat" }]) {
  ... on Member { capacity(from: $from, to: $to, process: HEAT_TREATMENT) { weekStart actualHours committedHours availableHours flexibleHours } } } }`;

const allocation = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  jointOrderId: 'jo-1',
  operationIndex: 1,
  process: 'HEAT_TREATMENT',
  weekStart: WEEK,
  quantity: 200,
  hours: 10,
  ...overrides,
});

let member: RunningMember;
const capacity = async () => dataOf(await member.gql(CAPACITY, { from: WEEK, to: NEXT_WEEK }))['_entities'][0].capacity;
const errorOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) => response.errors?.[0]?.extensions;

beforeAll(async () => {
  member = await startMember('member-allocations', { memberId: 'heat' });
  // Writes name processes the firm runs (issue 13): heat treatment is its capability.
  dataOf(await member.gql(`mutation { setCapabilities(memberId: "heat", input: [{ process: HEAT_TREATMENT, materials: ["steel"] }]) { process } }`));
  dataOf(
    await member.gql(`mutation($input: [CapacityInput!]!) { setCapacity(memberId: "heat", input: $input) { weekStart } }`, {
      input: [WEEK, NEXT_WEEK].map((weekStart) => ({ process: 'HEAT_TREATMENT', weekStart, actualHours: 100, maximumHours: 140 })),
    }),
  );
});
afterAll(async () => {
  await member?.stop();
});

describe('allocations', () => {
  it('proposes idempotently on id', async () => {
    const first = dataOf(await member.gql(PROPOSE, { input: [allocation('a-accept'), allocation('a-decline'), allocation('a-open', { hours: 7 })] }));
    expect(first['proposeAllocations'].map((a: { status: string }) => a.status)).toEqual(['PROPOSED', 'PROPOSED', 'PROPOSED']);
    const again = dataOf(await member.gql(PROPOSE, { input: [allocation('a-accept')] }));
    expect(again['proposeAllocations']).toEqual([first['proposeAllocations'][0]]);
    const all = dataOf(await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "heat" }]) { ... on Member { allocations { id } } } }`));
    expect(all['_entities'][0].allocations).toHaveLength(3);
  });

  it('lets a still-PROPOSED allocation be revised', async () => {
    const revised = dataOf(await member.gql(PROPOSE, { input: [allocation('a-open', { hours: 8 })] }));
    expect(revised['proposeAllocations'][0]).toMatchObject({ status: 'PROPOSED', hours: 8 });
  });

  it('commits hours only once accepted', async () => {
    expect((await capacity())[0]).toMatchObject({ weekStart: WEEK, committedHours: 0, availableHours: 100, flexibleHours: 40 });
    const accepted = dataOf(await member.gql(RESPOND, { id: 'a-accept', accept: true }))['respondToAllocation'];
    expect(accepted).toMatchObject({ status: 'ACCEPTED', declineReason: null });
    expect(accepted.respondedAt).toBeTruthy();
    const declined = dataOf(await member.gql(RESPOND, { id: 'a-decline', accept: false, reason: '  furnace B overhaul  ' }))['respondToAllocation'];
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'furnace B overhaul' });
    const [week, nextWeek] = await capacity();
    // a-accept (10 h) counts; a-decline (declined) and a-open (proposed) do not.
    expect(week).toMatchObject({ committedHours: 10, availableHours: 90 });
    expect(nextWeek).toMatchObject({ committedHours: 0, availableHours: 100 });
  });

  it('answers only a PROPOSED allocation (CONFLICT otherwise) and NOT_FOUND for an unknown id', async () => {
    expect(errorOf(await member.gql(RESPOND, { id: 'a-accept', accept: false }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(errorOf(await member.gql(RESPOND, { id: 'ghost', accept: true }))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('re-proposing a DECLINED id is a CONFLICT unless the data is the same', async () => {
    const same = dataOf(await member.gql(PROPOSE, { input: [allocation('a-decline')] }));
    expect(same['proposeAllocations'][0].status).toBe('DECLINED');
    const changed = await member.gql(PROPOSE, { input: [allocation('a-new'), allocation('a-decline', { quantity: 150 })] });
    expect(errorOf(changed)).toMatchObject({ code: 'CONFLICT', field: 'input[1].id' });
    // The whole proposal was refused: a-new was not written either.
    const reread = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Allocation", memberId: "heat", id: "a-new" }]) { ... on Allocation { id } } }`),
    );
    expect(reread['_entities']).toEqual([null]);
  });

  it('reports cumulative progress: IN_PROGRESS, then DONE at the quantity', async () => {
    expect(errorOf(await member.gql(PROGRESS, { id: 'a-open', good: 1, scrap: 0 }))).toMatchObject({ code: 'CONFLICT' });
    const half = dataOf(await member.gql(PROGRESS, { id: 'a-accept', good: 100, scrap: 3 }))['reportAllocationProgress'];
    expect(half).toEqual({ id: 'a-accept', status: 'IN_PROGRESS', progress: 0.5, goodQuantity: 100, scrapQuantity: 3 });
    expect((await capacity())[0]).toMatchObject({ committedHours: 10 });
    expect(badInput(await member.gql(PROGRESS, { id: 'a-accept', good: 90, scrap: 3 })).field).toBe('goodQuantity');
    expect(badInput(await member.gql(PROGRESS, { id: 'a-accept', good: 120, scrap: -1 })).field).toBe('scrapQuantity');
    const done = dataOf(await member.gql(PROGRESS, { id: 'a-accept', good: 210, scrap: 5 }))['reportAllocationProgress'];
    expect(done).toEqual({ id: 'a-accept', status: 'DONE', progress: 1, goodQuantity: 210, scrapQuantity: 5 });
    // Finished work no longer holds capacity.
    expect((await capacity())[0]).toMatchObject({ committedHours: 0, availableHours: 100 });
  });

  it('filters allocations by status', async () => {
    const q = `{ _entities(representations: [{ __typename: "Member", id: "heat" }]) { ... on Member { allocations(status: DECLINED) { id } } } }`;
    expect(dataOf(await member.gql(q))['_entities'][0].allocations).toEqual([{ id: 'a-decline' }]);
  });

  it('refuses a mutation for another member on field memberId', async () => {
    const response = await member.gql(`mutation { respondToAllocation(memberId: "cast", id: "a-open", accept: true) { id } }`);
    expect(badInput(response).field).toBe('memberId');
  });
});
