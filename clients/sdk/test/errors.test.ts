import { describe, expect, it } from 'vitest';
import {
  ClusterGraphError,
  classifyErrors,
  describeGraphQLError,
  describeMemberProblem,
  memberIdAlongPath,
  memberProblems,
  withheldDetail,
} from '../src/errors.ts';
import { lineStatusSummary } from '../src/lineSummary.ts';
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

describe('withheld is not unreachable', () => {
  const withheld = {
    message: 'withheld',
    path: ['members', 1, 'lines', 0, 'status'],
    extensions: { code: 'FORBIDDEN', memberId: 'cast', category: 'LINE_STATUS', purpose: 'MONITORING' },
  };
  const down = { message: 'timed out', path: ['members', 2, 'lines'], extensions: { code: 'MEMBER_UNAVAILABLE', memberId: 'heat' } };
  const refused = { message: "joint orders are visible to the cluster leader's users only", path: ['jointOrders'], extensions: { code: 'FORBIDDEN' } };

  it('sorts the errors of a partial answer into withheld, unreachable and other', () => {
    const answer = classifyErrors([withheld, down, refused]);
    expect(answer.withheld).toEqual([withheld]);
    expect(answer.unreachable).toEqual([down]);
    // A refusal that names no firm is the API refusing the viewer, not a firm's policy.
    expect(answer.other).toEqual([refused]);
    expect(withheldDetail(withheld)).toBe('LINE_STATUS for MONITORING');
  });

  it('never counts withheld line status as lines not running', () => {
    const problem = { memberId: 'cast', kind: 'withheld' as const, message: '' };
    expect(lineStatusSummary([{ status: null }, { status: null }], problem)).toMatchObject({
      text: '2 lines, status withheld',
      kind: 'withheld',
      counts: { total: 2, known: 0, running: 0, unknown: 2 },
    });
    expect(lineStatusSummary([{ status: { state: 'RUNNING' } }, { status: { state: 'DOWN' } }], undefined)).toMatchObject({
      text: '1/2 running',
      kind: 'data',
      counts: { total: 2, known: 2, running: 1, unknown: 0 },
    });
    expect(lineStatusSummary([{ status: { state: 'RUNNING' } }, { status: null }], problem).text).toBe('1/1 running, 1 withheld');
    expect(lineStatusSummary([{ status: null }], { memberId: 'cast', kind: 'unreachable', message: '' }).kind).toBe('unreachable');
  });
});
