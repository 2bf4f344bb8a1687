import { describe, expect, it } from 'vitest';
import { assembleEntities, routingKeyOf, splitRepresentations } from '../src/shard/entitySplit.ts';

const line = (memberId: string, id: string) => ({ __typename: 'Line', memberId, id });
const member = (id: string) => ({ __typename: 'Member', id });

describe('routingKeyOf', () => {
  it('routes Member by id and every other entity by memberId', () => {
    expect(routingKeyOf(member('casting'))).toBe('casting');
    expect(routingKeyOf(line('cnc', 'l1'))).toBe('cnc');
    expect(routingKeyOf({ __typename: 'Allocation', memberId: 'heat', id: 'a1' })).toBe('heat');
    expect(routingKeyOf({ __typename: 'Line', id: 'l1' })).toBeNull();
  });
});

describe('splitRepresentations', () => {
  it('groups by member in order of first appearance, keeping positions and duplicates', () => {
    const reps = [line('a', '1'), member('b'), line('a', '2'), line('b', '9'), line('a', '1')];
    const batches = splitRepresentations(reps);
    expect(batches.map((b) => b.memberId)).toEqual(['a', 'b']);
    expect(batches[0]).toEqual({ memberId: 'a', positions: [0, 2, 4], representations: [reps[0], reps[2], reps[4]] });
    expect(batches[1]!.positions).toEqual([1, 3]);
  });

  it('puts representations without a routing key in their own batch', () => {
    const batches = splitRepresentations([line('a', '1'), { __typename: 'Line', id: 'x' }]);
    expect(batches.map((b) => [b.memberId, b.positions])).toEqual([
      ['a', [0]],
      [null, [1]],
    ]);
  });
});

describe('assembleEntities', () => {
  const reps = [line('a', '1'), line('b', '1'), line('a', '2'), line('c', '1'), line('a', '1')];
  const [a, b, c] = splitRepresentations(reps) as [
    ReturnType<typeof splitRepresentations>[number],
    ReturnType<typeof splitRepresentations>[number],
    ReturnType<typeof splitRepresentations>[number],
  ];

  it('puts every member answer back at its original positions', () => {
    const { entities, errors } = assembleEntities(reps.length, [
      { batch: a, outcome: { ok: true, response: { data: { _entities: [{ n: 'a1' }, { n: 'a2' }, { n: 'a1 again' }] } } } },
      { batch: b, outcome: { ok: true, response: { data: { _entities: [{ n: 'b1' }] } } } },
      { batch: c, outcome: { ok: true, response: { data: { _entities: [{ n: 'c1' }] } } } },
    ]);
    expect(entities).toEqual([{ n: 'a1' }, { n: 'b1' }, { n: 'a2' }, { n: 'c1' }, { n: 'a1 again' }]);
    expect(errors).toEqual([]);
  });

  it('leaves null and one MEMBER_UNAVAILABLE error per position of a member that failed', () => {
    const { entities, errors } = assembleEntities(reps.length, [
      { batch: a, outcome: { ok: false, reason: 'no answer within 50 ms' } },
      { batch: b, outcome: { ok: true, response: { data: { _entities: [{ n: 'b1' }] } } } },
      { batch: c, outcome: { ok: false, reason: 'it is not registered in this cluster' } },
    ]);
    expect(entities).toEqual([null, { n: 'b1' }, null, null, null]);
    expect(errors.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['memberId']])).toEqual([
      [['_entities', 0], 'MEMBER_UNAVAILABLE', 'a'],
      [['_entities', 2], 'MEMBER_UNAVAILABLE', 'a'],
      [['_entities', 4], 'MEMBER_UNAVAILABLE', 'a'],
      [['_entities', 3], 'MEMBER_UNAVAILABLE', 'c'],
    ]);
    expect(errors[0]!.message).toBe('Member a is unavailable: no answer within 50 ms');
  });

  it('moves the paths of errors a member reported to the original indexes', () => {
    const { entities, errors } = assembleEntities(reps.length, [
      {
        batch: a,
        outcome: {
          ok: true,
          response: {
            data: { _entities: [{ n: 'a1' }, null, { n: 'a1' }] },
            errors: [{ message: 'forbidden', path: ['_entities', 1, 'capacity'], extensions: { code: 'FORBIDDEN' } }],
          },
        },
      },
      { batch: b, outcome: { ok: true, response: { data: { _entities: [{ n: 'b1' }] } } } },
      { batch: c, outcome: { ok: true, response: { data: { _entities: [{ n: 'c1' }] } } } },
    ]);
    expect(entities[2]).toBeNull();
    expect(errors).toEqual([{ message: 'forbidden', path: ['_entities', 2, 'capacity'], extensions: { code: 'FORBIDDEN', memberId: 'a' } }]);
  });

  it('treats an answer without the right number of entities as a failure of that member', () => {
    const { entities, errors } = assembleEntities(reps.length, [
      { batch: a, outcome: { ok: true, response: { data: { _entities: [{ n: 'a1' }] } } } },
      { batch: b, outcome: { ok: true, response: { data: null, errors: [{ message: 'Cannot query field "x"' }] } } },
      { batch: c, outcome: { ok: true, response: { data: { _entities: [{ n: 'c1' }] } } } },
    ]);
    expect(entities).toEqual([null, null, null, { n: 'c1' }, null]);
    expect(errors).toHaveLength(4);
    expect(errors.find((e) => e.extensions?.['memberId'] === 'b')!.message).toContain('Cannot query field "x"');
  });
});
