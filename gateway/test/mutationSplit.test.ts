import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mergeMutationParts, splitMutation } from '../src/shard/mutationSplit.ts';
import { parseOperation } from '../src/shard/operationShape.ts';

describe('splitMutation', () => {
  it('sends a single-field mutation as the planner wrote it, with the memberId from a literal or a variable', () => {
    const literal = 'mutation { setSmartFactoryLevel(memberId: "a", level: 3) { id } }';
    expect(splitMutation(parseOperation(parse(literal), null), literal, {})).toEqual([
      { responseKey: 'setSmartFactoryLevel', memberId: 'a', query: literal, variables: {} },
    ]);
    const variable = 'mutation($m: ID!) { setSmartFactoryLevel(memberId: $m, level: 3) { id } }';
    expect(splitMutation(parseOperation(parse(variable), null), variable, { m: 'b' })[0]!.memberId).toBe('b');
  });

  it('splits several root fields into operations that keep only their own fragments and variables', () => {
    const query = `mutation Two($a: ID!, $b: ID!, $line: LineInput!, $level: Int!) {
      first: upsertLine(memberId: $a, input: $line) { ...LineParts }
      second: setSmartFactoryLevel(memberId: $b, level: $level) { id ...MemberParts }
    }
    fragment LineParts on Line { id name }
    fragment MemberParts on Member { smartFactoryLevel lines { ...LineParts } }`;
    const variables = { a: 'cast', b: 'cnc', line: { id: 'l9', name: 'Nine' }, level: 4 };
    const parts = splitMutation(parseOperation(parse(query), 'Two'), query, variables);
    expect(parts.map((p) => [p.responseKey, p.memberId, p.variables])).toEqual([
      ['first', 'cast', { a: 'cast', line: { id: 'l9', name: 'Nine' } }],
      ['second', 'cnc', { b: 'cnc', level: 4 }],
    ]);
    const first = parse(parts[0]!.query);
    expect(first.definitions.map((d) => ('name' in d ? d.name?.value : null))).toEqual(['Two', 'LineParts']);
    expect(parts[0]!.query).toContain('mutation Two($a: ID!, $line: LineInput!)');
    const second = parse(parts[1]!.query);
    expect(second.definitions.map((d) => ('name' in d ? d.name?.value : null))).toEqual(['Two', 'MemberParts', 'LineParts']);
    expect(parts[1]!.query).toContain('mutation Two($b: ID!, $level: Int!)');
  });

  it('reports a missing memberId as null', () => {
    const query = 'mutation { upsertLine(input: { id: "x", name: "y" }) { id } }';
    expect(splitMutation(parseOperation(parse(query), null), query, {})[0]!.memberId).toBeNull();
  });
});

describe('mergeMutationParts', () => {
  const part = (responseKey: string, memberId: string | null) => ({ responseKey, memberId, query: '', variables: {} });

  it('merges parts in order, tags member errors, and names unknown members as bad input', () => {
    const merged = mergeMutationParts([
      { kind: 'answered', part: part('first', 'a'), outcome: { ok: true, response: { data: { first: { id: 'l1' } } } } },
      { kind: 'answered', part: part('second', 'b'), outcome: { ok: false, reason: 'no answer within 5000 ms' } },
      { kind: 'unknownMember', part: part('third', 'nobody') },
    ]);
    expect(merged.data).toEqual({ first: { id: 'l1' }, second: null, third: null });
    expect(merged.errors).toEqual([
      { message: 'Member b is unavailable: no answer within 5000 ms', path: ['second'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'b' } },
      {
        message: 'memberId: no member "nobody" in this cluster',
        path: ['third'],
        extensions: { code: 'BAD_USER_INPUT', field: 'memberId', memberId: 'nobody' },
      },
    ]);
  });
});

describe('mergeMutationParts: a write whose answer did not arrive', () => {
  const part = (responseKey: string, memberId: string) => ({ responseKey, memberId, query: '', variables: {} });

  it('is WRITE_OUTCOME_UNKNOWN with the member and the key, not MEMBER_UNAVAILABLE', () => {
    const merged = mergeMutationParts(
      [{ kind: 'answered', part: part('grant', 'b'), outcome: { ok: false, reason: 'connection failed (UND_ERR_SOCKET)', mayHaveRun: true } }],
      'retry-key-123',
    );
    expect(merged.errors).toEqual([
      {
        message:
          'The write to member b may or may not have been applied (connection failed (UND_ERR_SOCKET)); retry with the same Idempotency-Key (retry-key-123) to get its outcome',
        path: ['grant'],
        extensions: { code: 'WRITE_OUTCOME_UNKNOWN', memberId: 'b', idempotencyKey: 'retry-key-123' },
      },
    ]);
  });

  it('tells a client without a key to send one next time', () => {
    const merged = mergeMutationParts([
      { kind: 'answered', part: part('grant', 'b'), outcome: { ok: false, reason: 'no answer within 5000 ms', mayHaveRun: true } },
    ]);
    expect(merged.errors[0]!.message).toContain('send writes with an Idempotency-Key header');
    expect(merged.errors[0]!.extensions).toEqual({ code: 'WRITE_OUTCOME_UNKNOWN', memberId: 'b' });
  });
});
