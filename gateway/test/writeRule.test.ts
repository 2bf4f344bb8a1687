import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { checkWriteRule, memberMutationFields, writeParts } from '../src/shard/writeRule.ts';

const MEMBER_FIELDS = memberMutationFields();
const parts = (query: string, variables: Record<string, unknown> = {}, operationName: string | null = null) =>
  writeParts(parse(query), operationName, variables, MEMBER_FIELDS);

describe('memberMutationFields', () => {
  it('lists every root mutation of the member standard, extensions included, and no cluster mutation', () => {
    expect(MEMBER_FIELDS.has('setCapacity')).toBe(true);
    expect(MEMBER_FIELDS.has('reportLineEvents')).toBe(true);
    expect(MEMBER_FIELDS.has('acknowledgeAnomaly')).toBe(true);
    expect(MEMBER_FIELDS.has('createJointOrder')).toBe(false);
  });
});

describe('the multi-firm write rule', () => {
  it('refuses the issue 13 attack: two aliased writes for two firms', () => {
    const found = parts(
      'mutation($a: ID!) { mine: setSmartFactoryLevel(memberId: $a, level: 3) { id } theirs: setSmartFactoryLevel(memberId: "heat", level: 1) { id } }',
      { a: 'cast' },
    )!;
    expect(found.map((p) => [p.responseKey, p.memberId, p.toMember])).toEqual([
      ['mine', 'cast', true],
      ['theirs', 'heat', true],
    ]);
    const refusal = checkWriteRule(found)!;
    expect(refusal.extensions).toMatchObject({ code: 'MULTI_PART_WRITE', memberIds: ['cast', 'heat'], fields: ['mine', 'theirs'], http: { status: 400 } });
    expect(refusal.message).toContain('to firms cast, heat');
    expect(refusal.message).toContain('Nothing was written');
  });

  it('refuses two writes to one firm, and a firm write next to a cluster mutation, also through fragments', () => {
    expect(
      checkWriteRule(
        parts('mutation { a: setSmartFactoryLevel(memberId: "cast", level: 3) { id } b: setSmartFactoryLevel(memberId: "cast", level: 4) { id } }')!,
      )?.extensions['memberIds'],
    ).toEqual(['cast']);
    const mixed = parts('mutation { ...W createJointOrder(input: {}) { id } } fragment W on Mutation { reportLineEvents(events: []) { accepted } }')!;
    expect(mixed.map((p) => [p.fieldName, p.toMember, p.memberId])).toEqual([
      ['reportLineEvents', true, null],
      ['createJointOrder', false, null],
    ]);
    expect(checkWriteRule(mixed)?.message).toContain('firm (your firm) and the cluster');
  });

  it('lets one write to one firm pass, with __typename beside it, and cluster-only documents', () => {
    expect(checkWriteRule(parts('mutation { __typename setCapacity(memberId: "cast", input: []) { weekStart } }')!)).toBeNull();
    expect(checkWriteRule(parts('mutation { a: createJointOrder(input: {}) { id } b: cancelJointOrder(id: "x") { id } }')!)).toBeNull();
  });

  it('picks the named operation and ignores queries', () => {
    const document =
      'query Q { lines { id } } mutation M { a: setSmartFactoryLevel(memberId: "a", level: 1) { id } b: setSmartFactoryLevel(memberId: "b", level: 1) { id } }';
    expect(parts(document, {}, 'Q')).toBeNull();
    expect(parts(document, {}, 'M')).toHaveLength(2);
  });
});
