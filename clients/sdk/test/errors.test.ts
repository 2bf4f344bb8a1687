import { describe, expect, it } from 'vitest';
import { ClusterGraphError, describeGraphQLError, describeMemberProblem, memberIdAlongPath, memberProblems } from '../src/errors.ts';
import { parseLogin } from '../src/auth.ts';
import { hasApiField } from '../src/apiFeatures.ts';
import { webSocketUrl, gatewayOrigin } from '../src/endpoint.ts';

const data = {
  members: [
    { id: 'lead', name: 'Lead', lines: [] },
    { id: 'cast', name: 'Cast', lines: null },
  ],
};

describe('API errors in words', () => {
  const names = (id: string) => ({ lead: 'Lead Assembly Co.', cast: 'Cast Partner Co.' })[id] ?? id;

  it('names the unreachable member', () => {
    const error = { message: 'member cast timed out', path: ['members', 1, 'lines'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'cast' } };
    expect(describeGraphQLError(error, names)).toBe('Cast Partner Co. unreachable');
  });

  it('finds the member from the path when the gateway did not name it', () => {
    const error = { message: 'denied', path: ['members', 1, 'lines'], extensions: { code: 'FORBIDDEN' } };
    expect(memberIdAlongPath(data, error.path)).toBe('cast');
    expect(describeGraphQLError(error, names, data)).toBe("withheld by Cast Partner Co.'s sharing policy");
    expect(memberIdAlongPath({ lines: [{ memberId: 'heat', id: 'l1', status: null }] }, ['lines', 0, 'status'])).toBe('heat');
  });

  it('collects one problem per member', () => {
    const problems = memberProblems(
      [
        { message: 'down', path: ['members', 1, 'lines'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'cast' } },
        { message: 'down', path: ['members', 1, 'capacity'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'cast' } },
        { message: 'no', path: ['members', 0, 'capacity'], extensions: { code: 'FORBIDDEN' } },
      ],
      data,
    );
    expect([...problems.keys()]).toEqual(['cast', 'lead']);
    expect(describeMemberProblem(problems.get('cast')!, 'Cast Partner Co.')).toBe('Cast Partner Co. unreachable');
    expect(describeMemberProblem(problems.get('lead')!, 'Lead')).toBe("withheld by Lead's sharing policy");
  });

  it('keeps partial data on the thrown error', () => {
    const error = ClusterGraphError.fromErrors([{ message: 'x', extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'cast' } }], data);
    expect(error.message).toBe('cast unreachable');
    expect(error.data).toBe(data);
    expect(error.errors).toHaveLength(1);
  });
});

describe('small helpers', () => {
  it('parses demo logins', () => {
    expect(parseLogin('admin@hanbit-ev')).toEqual({ login: 'admin@hanbit-ev', user: 'admin', memberId: 'hanbit-ev' });
    expect(() => parseLogin('admin')).toThrow();
  });

  it('derives the WebSocket URL and the auth origin', () => {
    expect(webSocketUrl('http://localhost:4000/graphql')).toBe('ws://localhost:4000/graphql');
    expect(webSocketUrl('https://cg.example.kr/graphql')).toBe('wss://cg.example.kr/graphql');
    expect(gatewayOrigin('http://localhost:4000/graphql')).toBe('http://localhost:4000');
  });

  it('knows which root fields the API has', () => {
    expect(hasApiField('Query', 'members')).toBe(true);
    expect(hasApiField('Query', 'noSuchField')).toBe(false);
  });
});
