import { parse, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseOperation } from '../src/shard/operationShape.ts';
import { memberSelectionOf, mergeRootQueryAnswers, planRootQuery } from '../src/shard/rootQueryFanIn.ts';
import type { MemberOutcome } from '../src/shard/memberOutcome.ts';

const rootFields = (query: string) => parseOperation(parse(query), null).rootFields;

describe('memberSelectionOf', () => {
  it('reads memberIds from literals and variables; omitted or null means every active member', () => {
    const [literal, variable, omitted, nullLiteral, single] = rootFields(
      'query($ids: [ID!]) { a: lines(memberIds: ["x", "y", "x"]) { id } b: lines(memberIds: $ids) { id } c: lines { id } d: lines(memberIds: null) { id } e: lines(memberIds: "z") { id } }',
    );
    expect(memberSelectionOf(literal!.node, {})).toEqual({ kind: 'listed', memberIds: ['x', 'y'] });
    expect(memberSelectionOf(variable!.node, { ids: ['q'] })).toEqual({ kind: 'listed', memberIds: ['q'] });
    expect(memberSelectionOf(variable!.node, {})).toEqual({ kind: 'all' });
    expect(memberSelectionOf(omitted!.node, {})).toEqual({ kind: 'all' });
    expect(memberSelectionOf(nullLiteral!.node, {})).toEqual({ kind: 'all' });
    expect(memberSelectionOf(single!.node, {})).toEqual({ kind: 'listed', memberIds: ['z'] });
  });

  it('reads memberIds from variables inside a literal list', () => {
    const [field] = rootFields('query($one: ID!) { lines(memberIds: [$one, "b"]) { id } }');
    expect(memberSelectionOf(field!.node, { one: 'a' })).toEqual({ kind: 'listed', memberIds: ['a', 'b'] });
  });
});

describe('planRootQuery', () => {
  it('targets the union of every field’s members, all active ones when a field omits memberIds', () => {
    const plan = planRootQuery(rootFields('{ mine: lines(memberIds: ["b"]) { id } all: lines { id } __typename }'), {}, ['a', 'b', 'c']);
    expect(plan.fields.map((f) => [f.responseKey, f.memberIds])).toEqual([
      ['mine', ['b']],
      ['all', ['a', 'b', 'c']],
      ['__typename', []],
    ]);
    expect(plan.members).toEqual(['b', 'a', 'c']);
  });

  it('follows fields through inline fragments and fragment spreads', () => {
    const fields = rootFields('query { ... on Query { x: lines { id } } ...F } fragment F on Query { y: lines(memberIds: []) { id } }');
    expect(planRootQuery(fields, {}, ['a']).fields.map((f) => [f.responseKey, f.memberIds])).toEqual([
      ['x', ['a']],
      ['y', []],
    ]);
  });
});

describe('mergeRootQueryAnswers', () => {
  const ok = (data: Record<string, unknown>, errors?: GraphQLFormattedError[]): MemberOutcome => ({
    ok: true,
    response: { data, ...(errors ? { errors } : {}) },
  });

  it('concatenates each field in member order, only from the members it targets', () => {
    const plan = planRootQuery(rootFields('{ mine: lines(memberIds: ["b"]) { id } all: lines { id } }'), {}, ['a', 'b']);
    const outcomes = new Map<string, MemberOutcome>([
      ['a', ok({ mine: [{ id: 'not asked for' }], all: [{ id: 'a1' }, { id: 'a2' }] })],
      ['b', ok({ mine: [{ id: 'b1' }], all: [{ id: 'b1' }] })],
    ]);
    expect(mergeRootQueryAnswers(plan, outcomes, 'Query')).toEqual({
      data: { mine: [{ id: 'b1' }], all: [{ id: 'a1' }, { id: 'a2' }, { id: 'b1' }] },
      errors: [],
    });
  });

  it('keeps the others’ items and adds MEMBER_UNAVAILABLE at the field for a failed member', () => {
    const plan = planRootQuery(rootFields('{ lines { id } }'), {}, ['a', 'b', 'c']);
    const outcomes = new Map<string, MemberOutcome>([
      ['a', ok({ lines: [{ id: 'a1' }] })],
      ['b', { ok: false, reason: 'connection failed (ECONNREFUSED)' }],
      ['c', ok({ lines: [{ id: 'c1' }] })],
    ]);
    const merged = mergeRootQueryAnswers(plan, outcomes, 'Query');
    expect(merged.data).toEqual({ lines: [{ id: 'a1' }, { id: 'c1' }] });
    expect(merged.errors).toEqual([
      { message: 'Member b is unavailable: connection failed (ECONNREFUSED)', path: ['lines'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'b' } },
    ]);
  });

  it('shifts list indexes of member errors to where that member’s items landed', () => {
    const plan = planRootQuery(rootFields('{ lines { id status { state } } }'), {}, ['a', 'b']);
    const outcomes = new Map<string, MemberOutcome>([
      ['a', ok({ lines: [{ id: 'a1' }, { id: 'a2' }] })],
      ['b', ok({ lines: [{ id: 'b1' }, { id: 'b2', status: null }] }, [{ message: 'denied', path: ['lines', 1, 'status'] }])],
    ]);
    const merged = mergeRootQueryAnswers(plan, outcomes, 'Query');
    expect(merged.errors).toEqual([{ message: 'denied', path: ['lines', 3, 'status'], extensions: { memberId: 'b' } }]);
  });

  it('answers an empty list when no member is targeted, and __typename locally', () => {
    const plan = planRootQuery(rootFields('{ lines(memberIds: []) { id } __typename }'), {}, ['a']);
    expect(plan.members).toEqual([]);
    expect(mergeRootQueryAnswers(plan, new Map(), 'Query')).toEqual({ data: { lines: [], __typename: 'Query' }, errors: [] });
  });
});
