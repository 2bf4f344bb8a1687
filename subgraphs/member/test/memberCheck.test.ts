import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMemberCompatibility } from '@clustergraph/schema';
import { dataOf, startMember, type RunningMember } from './harness.ts';

// The member check (GET …/member-check, issue 18): what the cluster registry reads before it routes
// a firm to this server — its MEMBER_ID, the SDL `_service { sdl }` serves, its transfer state and
// last line-event seq — without a token, and nothing of the firm's data.

const BEGIN = `mutation ($memberId: ID!) { beginMemberMove(memberId: $memberId, reason: "to our own server") { state lastEventSeq } }`;
const REPORT = `mutation ($memberId: ID, $events: [LineEventInput!]!) { reportLineEvents(memberId: $memberId, events: $events) { accepted } }`;

describe('member check', () => {
  let member: RunningMember;
  const checkUrl = () => new URL('member-check', member.url).toString();

  beforeAll(async () => {
    member = await startMember('member-check', { memberId: 'checkco', driver: 'pglite' });
  });
  afterAll(async () => {
    await member?.stop({ drop: true });
  });

  it('answers who the server is for, the SDL it serves and where it stands in a move, without a token', async () => {
    const admin = await member.tokenFor({ userId: 'admin@checkco', memberId: 'checkco', roles: ['admin'] });
    dataOf(
      await member.gql(
        `mutation { upsertLine(memberId: "checkco", input: { id: "l1", name: "Press 1", processes: [PRESSING], ratedUnitsPerHour: 30 }) { id } }`,
        {},
        { token: admin },
      ),
    );
    const events = [1, 2, 3].map((i) => ({ eventId: `e${i}`, lineId: 'l1', state: 'RUNNING' }));
    dataOf(
      await member.gql(
        REPORT,
        { memberId: 'checkco', events },
        { token: await member.tokenFor({ userId: 'admin@checkco', memberId: 'checkco', roles: ['admin'] }) },
      ),
    );

    const res = await fetch(checkUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { memberId: string; sdl: string; transfer: { state: string; lastEventSeq: number; since: string } };
    expect(Object.keys(body).sort()).toEqual(['memberId', 'sdl', 'transfer']);
    expect(body.memberId).toBe('checkco');
    expect(checkMemberCompatibility(body.sdl)).toEqual([]);
    // The very SDL `_service { sdl }` answers.
    const service = dataOf(await member.gql('{ _service { sdl } }'))['_service'];
    expect(body.sdl).toBe(service.sdl);
    expect(body.transfer).toMatchObject({ state: 'SERVING', lastEventSeq: 3 });
    // Nothing of the firm's data: no line, no name.
    expect(JSON.stringify(body)).not.toMatch(/Press 1|"l1"/);

    const begun = dataOf(
      await member.gql(BEGIN, { memberId: 'checkco' }, { token: await member.tokenFor({ userId: 'admin@checkco', memberId: 'checkco', roles: ['admin'] }) }),
    );
    expect(begun['beginMemberMove']).toEqual({ state: 'MOVING', lastEventSeq: 3 });
    const moving = (await (await fetch(checkUrl())).json()) as { transfer: { state: string; lastEventSeq: number } };
    expect(moving.transfer).toMatchObject({ state: 'MOVING', lastEventSeq: 3 });
  });

  it('refuses GraphQL without a token as UNAUTHENTICATED (what the registry checks at the endpoint itself)', async () => {
    const res = await fetch(member.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});
