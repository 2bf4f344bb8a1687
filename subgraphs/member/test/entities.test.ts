import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { dataOf, startMember, type RunningMember } from './harness.ts';

// Entity resolution and routing rules of the standard, over real HTTP as the gateway calls.
const MONDAY = mondayOf(new Date());
let member: RunningMember;

beforeAll(async () => {
  member = await startMember('member-entities', { memberId: 'cast' });
  for (const [id, processes] of [
    ['dc-800t', ['CASTING']],
    ['trim-1', ['CNC_MACHINING', 'INSPECTION']],
  ] as const) {
    dataOf(
      await member.gql(`mutation($input: LineInput!) { upsertLine(memberId: "cast", input: $input) { id } }`, {
        input: { id, name: `Line ${id}`, processes, ratedUnitsPerHour: 25 },
      }),
    );
  }
  dataOf(
    await member.gql(`mutation($input: [AllocationInput!]!) { proposeAllocations(memberId: "cast", input: $input) { id } }`, {
      input: [{ id: 'jo-7-op-0', jointOrderId: 'jo-7', operationIndex: 0, process: 'CASTING', weekStart: addWeeks(MONDAY, 2), quantity: 500, hours: 20 }],
    }),
  );
});
afterAll(async () => {
  await member?.stop();
});

describe('_entities', () => {
  it('resolves Member only for its own id, in order', async () => {
    const data = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "cast" }, { __typename: "Member", id: "heat" }]) {
        ... on Member { id smartFactoryLevel lines { id } } } }`),
    );
    expect(data['_entities']).toEqual([{ id: 'cast', smartFactoryLevel: null, lines: [{ id: 'dc-800t' }, { id: 'trim-1' }] }, null]);
  });

  it('resolves Line by memberId and id, null for unknown ids and other members', async () => {
    const data = dataOf(
      await member.gql(
        `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Line { memberId id name processes ratedUnitsPerHour status { state seq since } member { id } } } }`,
        {
          reps: [
            { __typename: 'Line', memberId: 'cast', id: 'trim-1' },
            { __typename: 'Line', memberId: 'cast', id: 'missing' },
            { __typename: 'Line', memberId: 'heat', id: 'dc-800t' },
            { __typename: 'Line', memberId: 'cast', id: 'dc-800t' },
          ],
        },
      ),
    );
    const [trim, missing, foreign, casting] = data['_entities'];
    expect(trim).toMatchObject({ memberId: 'cast', id: 'trim-1', processes: ['CNC_MACHINING', 'INSPECTION'], ratedUnitsPerHour: 25, member: { id: 'cast' } });
    expect(trim.status).toMatchObject({ state: 'IDLE', seq: 0 });
    expect(Number.isNaN(Date.parse(trim.status.since))).toBe(false);
    expect(missing).toBeNull();
    expect(foreign).toBeNull();
    expect(casting.id).toBe('dc-800t');
  });

  it('resolves Allocation by memberId and id', async () => {
    const data = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Allocation", memberId: "cast", id: "jo-7-op-0" }, { __typename: "Allocation", memberId: "cast", id: "nope" }]) {
        ... on Allocation { memberId id jointOrderId status quantity hours progress weekStart createdAt } } }`),
    );
    expect(data['_entities'][0]).toMatchObject({
      memberId: 'cast',
      id: 'jo-7-op-0',
      jointOrderId: 'jo-7',
      status: 'PROPOSED',
      quantity: 500,
      hours: 20,
      progress: 0,
      weekStart: addWeeks(MONDAY, 2),
    });
    expect(data['_entities'][1]).toBeNull();
  });
});

describe('root list fields and memberIds', () => {
  it('answers lines for no filter and for a filter that includes this member', async () => {
    expect(dataOf(await member.gql('{ lines { memberId id } }'))['lines']).toEqual([
      { memberId: 'cast', id: 'dc-800t' },
      { memberId: 'cast', id: 'trim-1' },
    ]);
    const some = dataOf(await member.gql('query($ids: [ID!]) { lines(memberIds: $ids) { id } }', { ids: ['heat', 'cast'] }));
    expect(some['lines']).toHaveLength(2);
  });

  it('returns [] when memberIds leaves this member out', async () => {
    expect(dataOf(await member.gql('{ lines(memberIds: ["heat"]) { id } }'))['lines']).toEqual([]);
    expect(dataOf(await member.gql('{ lines(memberIds: []) { id } }'))['lines']).toEqual([]);
  });

  it('filters by line state', async () => {
    expect(dataOf(await member.gql('{ lines(state: IDLE) { id } }'))['lines']).toHaveLength(2);
    expect(dataOf(await member.gql('{ lines(state: RUNNING) { id } }'))['lines']).toEqual([]);
  });
});

describe('authentication', () => {
  it('refuses a request without a gateway token with 401', async () => {
    const response = await member.gql('{ lines { id } }', {}, { token: null });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged token with 401', async () => {
    const response = await member.gql('{ lines { id } }', {}, { token: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' });
    expect(response.status).toBe(401);
  });

  it('keeps /health open', async () => {
    const response = await fetch(member.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });

  it('serves the standard SDL through _service', async () => {
    const sdl = dataOf(await member.gql('{ _service { sdl } }'))['_service'].sdl as string;
    expect(sdl).toMatch(/type Line\s+@key\(fields: "memberId id"\)/);
    expect(sdl).toContain('proposeAllocations(memberId: ID!, input: [AllocationInput!]!): [Allocation!]!');
  });
});
