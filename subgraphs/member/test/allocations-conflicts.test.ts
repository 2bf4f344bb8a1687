import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addWeeks, mondayOf, silentLogger } from '@clustergraph/runtime';
import { CapacityGuard, decideConflicts } from '../src/capacity/conflicts.ts';
import { lines } from '../src/db/schema.ts';
import { badInput, dataOf, startMember, type RunningMember } from './harness.ts';

// Accepted work that no longer fits the member's capacity is marked (capacityConflict), and
// the cluster's planner withdraws what it re-planned (withdrawAllocation).

const THIS_WEEK = mondayOf(new Date());
const WEEK = addWeeks(THIS_WEEK, 2);
const FIELDS = 'id status hours withdrawnAt withdrawReason capacityConflict { cause reason shortHours detectedAt }';
const PROPOSE = `mutation($input: [AllocationInput!]!) { proposeAllocations(memberId: "heat", input: $input) { id } }`;
const ACCEPT = `mutation($id: ID!) { respondToAllocation(memberId: "heat", id: $id, accept: true) { id status } }`;
const WITHDRAW = `mutation($id: ID!, $reason: String) { withdrawAllocation(memberId: "heat", id: $id, reason: $reason) { ${FIELDS} } }`;
const SET_CAPACITY = `mutation($input: [CapacityInput!]!) { setCapacity(memberId: "heat", input: $input) { weekStart actualHours committedHours availableHours } }`;
const ALLOCATIONS = `{ _entities(representations: [{ __typename: "Member", id: "heat" }]) { ... on Member { allocations { ${FIELDS} } } } }`;
const CAPACITY = `query($from: Date!) { _entities(representations: [{ __typename: "Member", id: "heat" }]) {
  ... on Member { capacity(from: $from, to: $from, process: HEAT_TREATMENT) { actualHours committedHours availableHours } } } }`;

const allocation = (id: string, hours: number, weekStart = WEEK) => ({
  id,
  jointOrderId: 'jo-1',
  operationIndex: 1,
  process: 'HEAT_TREATMENT',
  weekStart,
  quantity: 100,
  hours,
});

describe('decideConflicts (first fit in acceptance order, work under way first)', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 8, minute));
  const loads = [
    { id: 'late-small', status: 'ACCEPTED' as const, hours: 5, respondedAt: t(3) },
    { id: 'under-way', status: 'IN_PROGRESS' as const, hours: 10, respondedAt: t(9) },
    { id: 'first', status: 'ACCEPTED' as const, hours: 20, respondedAt: t(1) },
    { id: 'second', status: 'ACCEPTED' as const, hours: 15, respondedAt: t(2) },
    { id: 'proposed', status: 'PROPOSED' as const, hours: 50, respondedAt: null },
  ];

  it('keeps everything when the committed hours fit', () => {
    const decisions = decideConflicts({ process: 'HEAT_TREATMENT', weekStart: WEEK, actualHours: 50 }, loads);
    expect([...decisions.values()].every((d) => d === null)).toBe(true);
    expect(decisions.has('proposed')).toBe(false);
  });

  it('marks the accepted work that no longer fits after a cut, keeping the earlier acceptances', () => {
    // 50 h committed, 35 h left: under-way 10 + first 20 = 30 fit; second (15) does not; late-small (5) still fits.
    const decisions = decideConflicts({ process: 'HEAT_TREATMENT', weekStart: WEEK, actualHours: 35 }, loads);
    expect(decisions.get('under-way')).toBeNull();
    expect(decisions.get('first')).toBeNull();
    expect(decisions.get('late-small')).toBeNull();
    expect(decisions.get('second')).toMatchObject({ cause: 'CAPACITY_CUT', shortHours: 15 });
    expect(decisions.get('second')!.reason).toMatch(/lowered to 35 h, accepted work commits 50 h/);
  });

  it('counts a line DOWN too long as lost hours of the week (cause LINE_DOWN)', () => {
    const decisions = decideConflicts(
      { process: 'HEAT_TREATMENT', weekStart: THIS_WEEK, actualHours: 60, lost: { hours: 30, why: '1 of 2 HEAT_TREATMENT lines DOWN for more than 4 h' } },
      loads,
    );
    expect(decisions.get('second')).toMatchObject({ cause: 'LINE_DOWN', shortHours: 20 });
    expect(decisions.get('late-small')).toMatchObject({ cause: 'LINE_DOWN' });
    expect(decisions.get('first')).toBeNull();
    expect(decisions.get('second')!.reason).toMatch(/^1 of 2 HEAT_TREATMENT lines DOWN for more than 4 h: 30 of 60 HEAT_TREATMENT hours left/);
  });
});

describe('capacity conflicts and withdrawals on a member', () => {
  let member: RunningMember;
  const list = async () => dataOf(await member.gql(ALLOCATIONS))['_entities'][0].allocations as any[];
  const byId = async (id: string) => (await list()).find((a) => a.id === id);
  const bucket = async (week = WEEK) => dataOf(await member.gql(CAPACITY, { from: week }))['_entities'][0].capacity[0];
  const setActual = async (actualHours: number, weekStart = WEEK) =>
    dataOf(await member.gql(SET_CAPACITY, { input: [{ process: 'HEAT_TREATMENT', weekStart, actualHours, maximumHours: 140 }] }))['setCapacity'][0];

  beforeAll(async () => {
    member = await startMember('member-allocation-conflicts', { memberId: 'heat' });
    // Writes name processes the firm runs (issue 13): heat treatment is its capability.
    dataOf(await member.gql(`mutation { setCapabilities(memberId: "heat", input: [{ process: HEAT_TREATMENT, materials: ["steel"] }]) { process } }`));
    await setActual(100);
    await setActual(60, THIS_WEEK);
    dataOf(
      await member.gql(PROPOSE, {
        input: [allocation('w-a', 30), allocation('w-b', 40), allocation('w-open', 10), allocation('now-a', 20, THIS_WEEK), allocation('now-b', 30, THIS_WEEK)],
      }),
    );
    for (const id of ['w-a', 'w-b', 'now-a', 'now-b']) dataOf(await member.gql(ACCEPT, { id }));
  });
  afterAll(async () => {
    await member?.stop();
  });

  it('marks the last accepted allocation when the capacity is cut below the committed hours, and clears it when raised again', async () => {
    expect(await setActual(50)).toMatchObject({ actualHours: 50, committedHours: 70, availableHours: 0 });
    const marked = await byId('w-b');
    expect(marked).toMatchObject({ status: 'ACCEPTED', capacityConflict: { cause: 'CAPACITY_CUT', shortHours: 20 } });
    expect(marked.capacityConflict.reason).toMatch(/actual HEAT_TREATMENT hours of \d{4}-W\d\d lowered to 50 h, accepted work commits 70 h/);
    expect((await byId('w-a')).capacityConflict).toBeNull();
    // Raised back: the mark goes.
    await setActual(80);
    expect((await byId('w-b')).capacityConflict).toBeNull();
    await setActual(50);
    expect((await byId('w-b')).capacityConflict).toMatchObject({ cause: 'CAPACITY_CUT' });
  });

  it('withdraws: the hours leave committedHours, the mark goes, and withdrawing again changes nothing', async () => {
    const withdrawn = dataOf(await member.gql(WITHDRAW, { id: 'w-b', reason: '  re-planned in plan-x v2  ' }))['withdrawAllocation'];
    expect(withdrawn).toMatchObject({ id: 'w-b', status: 'WITHDRAWN', withdrawReason: 're-planned in plan-x v2', capacityConflict: null });
    expect(withdrawn.withdrawnAt).toBeTruthy();
    expect(await bucket()).toEqual({ actualHours: 50, committedHours: 30, availableHours: 20 });
    const again = dataOf(await member.gql(WITHDRAW, { id: 'w-b', reason: 'other' }))['withdrawAllocation'];
    expect(again).toEqual(withdrawn);
    // A proposal can be withdrawn too (it held no hours).
    expect(dataOf(await member.gql(WITHDRAW, { id: 'w-open' }))['withdrawAllocation']).toMatchObject({ status: 'WITHDRAWN', withdrawReason: null });
    const filtered = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "heat" }]) { ... on Member { allocations(status: WITHDRAWN) { id } } } }`),
    );
    expect(filtered['_entities'][0].allocations.map((a: any) => a.id).sort()).toEqual(['w-b', 'w-open']);
  });

  it('refuses to withdraw work under way, unknown ids and over-long reasons, naming the field', async () => {
    dataOf(await member.gql(`mutation { reportAllocationProgress(memberId: "heat", id: "w-a", goodQuantity: 10, scrapQuantity: 0) { status } }`));
    const underWay = await member.gql(WITHDRAW, { id: 'w-a' });
    expect(underWay.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(underWay.errors?.[0]?.message).toMatch(/IN_PROGRESS/);
    expect((await member.gql(WITHDRAW, { id: 'ghost' })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(badInput(await member.gql(WITHDRAW, { id: 'now-a', reason: 'x'.repeat(2001) })).field).toBe('reason');
    expect(badInput(await member.gql(`mutation { withdrawAllocation(memberId: "cast", id: "now-a") { id } }`)).field).toBe('memberId');
  });

  it('marks accepted work of the current week when a line of the process is DOWN longer than the threshold, and clears it when the line is up', async () => {
    const now = new Date();
    const db = member.app.database.db;
    await db.insert(lines).values([
      { id: 'ht-1', name: 'Furnace 1', processes: ['HEAT_TREATMENT'], state: 'DOWN', stateSince: new Date(now.getTime() - 5 * 3_600_000) },
      { id: 'ht-2', name: 'Furnace 2', processes: ['HEAT_TREATMENT'], state: 'RUNNING', stateSince: now },
    ]);
    const guard = (afterHours: number) =>
      new CapacityGuard({ db, logger: silentLogger, lineDownAfterMs: afterHours * 3_600_000, checkMs: 60_000, now: () => now });
    // Down 5 h, threshold 6 h: nothing yet.
    expect(await guard(6).refresh([])).toBe(0);
    expect((await byId('now-b')).capacityConflict).toBeNull();
    // Threshold 4 h: half of the 60 h are lost; now-a (20 h, accepted first) fits in 30, now-b (30 h) does not.
    expect(await guard(4).refresh([])).toBe(1);
    expect((await byId('now-a')).capacityConflict).toBeNull();
    const marked = (await byId('now-b')).capacityConflict;
    expect(marked).toMatchObject({ cause: 'LINE_DOWN', shortHours: 20 });
    expect(marked.reason).toMatch(/^1 of 2 HEAT_TREATMENT lines DOWN for more than 4 h: 30 of 60 HEAT_TREATMENT hours left/);
    // The capacity bucket itself is the calendar's; the mark says what the line takes.
    expect(await bucket(THIS_WEEK)).toMatchObject({ actualHours: 60, committedHours: 50 });
    // The line runs again: the next check clears the mark.
    await db.update(lines).set({ state: 'RUNNING', stateSince: now }).where(eq(lines.id, 'ht-1'));
    expect(await guard(4).refresh([])).toBe(1);
    expect((await byId('now-b')).capacityConflict).toBeNull();
  });
});
