import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT, generateKeyPair } from 'jose';
import postgres from 'postgres';
import { HOST_ADMIN_AUDIENCE, HOST_ADMIN_ISSUER, HOST_ADMIN_SUBJECT, loadOrCreateSigningKeys } from '@clustergraph/runtime';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, testMemberSpecs, waitFor, type TestCluster } from '../src/index.ts';
import { gatewaySignedToken } from './support/sovereignty.ts';

// Issue 18, the member host: several firms in one process, each isolated, provisioned and
// deleted through the admin API the cluster registry calls. `lead` runs as its own process,
// `cast` and `heat` on the host, so the gateway routes to both kinds side by side.

const WebSocket = createRequire(import.meta.url)('ws') as unknown;

interface FirmRow {
  memberId: string;
  name: string;
  processes: string[];
  createdAt: string;
  endpoint: string;
  state: 'LOADED' | 'IDLE';
}

describe('member host: many firms in one process (issue 18)', () => {
  let cluster: TestCluster;
  let hostUrl: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    const [lead, cast, heat] = testMemberSpecs();
    cluster = await startTestCluster({
      members: [lead!, { ...cast!, hosted: true }, { ...heat!, hosted: true }],
      // Short idle time: the test watches firms close and open again.
      memberHost: { env: { HOST_IDLE_SECONDS: '3' } },
    });
    hostUrl = cluster.memberHostUrl!;
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await cluster?.dispose();
  });

  const admin = async (method: string, path: string, body?: unknown, token?: string | null) => {
    const headers: Record<string, string> = {};
    const bearer = token === undefined ? await cluster.hostAdminToken() : token;
    if (bearer) headers['authorization'] = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${hostUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const ownerToken = (memberId: string, login = `admin@${memberId}`) =>
    gatewaySignedToken(cluster.rootDir, { userId: login, memberId, roles: ['admin', 'planner'], memberRoles: ['PARTNER'] }, { to: memberId });
  const direct = async (memberId: string, query: string, variables: Record<string, unknown> = {}) =>
    gql(`${hostUrl}/firms/${memberId}/graphql`, query, variables, { token: await ownerToken(memberId) });

  it('serves hosted firms through the gateway exactly like a firm’s own server', async () => {
    expect(cluster.memberUrl('cast')).toBe(`${hostUrl}/firms/cast/graphql`);
    const token = await cluster.token('planner@lead');
    const answer = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($f: Date!, $t: Date!) { members { id name lines { id status { state } } capacity(from: $f, to: $t) { process weekStart availableHours } } }`,
        { f: mondayFromNow(0), t: mondayFromNow(1) },
        { token, purpose: 'JOINT_PLANNING' },
      ),
    )['members'] as Array<{ id: string; lines: Array<{ id: string }>; capacity: Array<{ process: string }> }>;
    const byId = new Map(answer.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(['cast', 'heat', 'lead']);
    expect(byId.get('cast')!.lines.map((l) => l.id)).toEqual(['cast-line-1']);
    expect(byId.get('heat')!.lines.map((l) => l.id)).toEqual(['heat-line-1']);
    expect(new Set(byId.get('cast')!.capacity.map((c) => c.process))).toEqual(new Set(['CASTING']));
    expect(new Set(byId.get('heat')!.capacity.map((c) => c.process))).toEqual(new Set(['HEAT_TREATMENT']));
  });

  it('refuses admin calls without a registry token from the cluster’s key', async () => {
    const keys = await loadOrCreateSigningKeys(join(cluster.rootDir, 'keys', 'cluster-service-key.json'));
    const { privateKey: strangerKey } = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: { aud?: string; sub?: string; iss?: string; exp?: number; iat?: number }, key = keys.privateKey) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: keys.publicJwk.kid ?? 'cluster' })
        .setIssuer(claims.iss ?? HOST_ADMIN_ISSUER)
        .setAudience(claims.aud ?? HOST_ADMIN_AUDIENCE)
        .setSubject(claims.sub ?? HOST_ADMIN_SUBJECT)
        .setIssuedAt(claims.iat ?? now)
        .setExpirationTime(claims.exp ?? now + 30)
        .sign(key);
    const refused: Record<string, string | null> = {
      'no token': null,
      'another key': await sign({}, strangerKey),
      'the gateway audience (a planner-style token)': await sign({ aud: 'clustergraph-gateway', sub: 'service:planner' }),
      'another subject': await sign({ sub: 'service:planner' }),
      'another issuer': await sign({ iss: 'clustergraph-gateway' }),
      'living two minutes': await sign({ exp: now + 120 }),
      expired: await sign({ iat: now - 120, exp: now - 60 }),
      'a member token from the gateway': await ownerToken('cast'),
      'a user sign-in token': await cluster.token('admin@lead'),
    };
    for (const [what, token] of Object.entries(refused)) {
      for (const [method, path, body] of [
        ['GET', '/admin/firms', undefined],
        ['POST', '/admin/firms', { memberId: 'intruder', name: 'Intruder', processes: [] }],
        ['DELETE', '/admin/firms/cast', undefined],
      ] as const) {
        const r = await admin(method, path, body, token);
        expect(r.status, `${what}: ${method} ${path}`).toBe(401);
        expect(r.body.errors[0].extensions.code, what).toBe('UNAUTHENTICATED');
      }
    }
    // Nothing changed: cast is still served, no intruder was created.
    const firms = (await admin('GET', '/admin/firms')).body.firms as FirmRow[];
    expect(firms.map((f) => f.memberId).sort()).toEqual(['cast', 'heat']);
    expect((await direct('cast', '{ lines { id } }')).data?.['lines']).toEqual([{ id: 'cast-line-1' }]);
  });

  it('provisions a firm idempotently, with default policies and an empty calendar, and refuses bad input', async () => {
    const bad: Array<[unknown, string]> = [
      [{ memberId: 'Bad_Id', name: 'X', processes: [] }, 'memberId'],
      [{ memberId: 'a', name: 'X', processes: [] }, 'memberId'],
      [{ memberId: '../cast', name: 'X', processes: [] }, 'memberId'],
      [{ memberId: 'x'.repeat(41), name: 'X', processes: [] }, 'memberId'],
      [{ memberId: 'newco', name: '  ', processes: [] }, 'name'],
      [{ memberId: 'newco', name: 'New Co', processes: ['CASTING', 'SMELTING'] }, 'processes[1]'],
      [{ memberId: 'newco', name: 'New Co', processes: ['CASTING', 'CASTING'] }, 'processes[1]'],
      [{ memberId: 'newco', name: 'New Co', processes: 'CASTING' }, 'processes'],
      [{ memberId: 'newco', name: 'New Co', processes: [], endpoint: 'http://evil' }, 'endpoint'],
      [['newco'], 'body'],
    ];
    for (const [body, field] of bad) {
      const r = await admin('POST', '/admin/firms', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].extensions, JSON.stringify(body)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const notJson = await fetch(`${hostUrl}/admin/firms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await cluster.hostAdminToken()}`, 'content-type': 'text/plain' },
      body: 'memberId=newco',
    });
    expect(notJson.status).toBe(415);

    const request = { memberId: 'newco', name: 'New Co', processes: ['CASTING', 'WELDING'] };
    const created = await admin('POST', '/admin/firms', request);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ memberId: 'newco', endpoint: `${hostUrl}/firms/newco/graphql` });
    const again = await admin('POST', '/admin/firms', request);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);
    const renamed = await admin('POST', '/admin/firms', { ...request, name: 'Other Co' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    // Several identical requests at once: one firm, every answer the same endpoint.
    const racing = await Promise.all(
      Array.from({ length: 4 }, () => admin('POST', '/admin/firms', { memberId: 'raceco', name: 'Race Co', processes: ['PAINTING'] })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(racing.map((r) => r.body.endpoint))).toEqual(new Set([`${hostUrl}/firms/raceco/graphql`]));

    const listed = (await admin('GET', '/admin/firms')).body.firms as FirmRow[];
    expect(listed.map((f) => f.memberId)).toEqual(['cast', 'heat', 'newco', 'raceco']);
    const newco = listed.find((f) => f.memberId === 'newco')!;
    expect(newco).toMatchObject({ name: 'New Co', processes: ['CASTING', 'WELDING'], endpoint: `${hostUrl}/firms/newco/graphql` });
    expect(['LOADED', 'IDLE']).toContain(newco.state);
    expect(Date.parse(newco.createdAt)).toBeGreaterThan(Date.now() - 600_000);

    // The new firm, as its owner sees it: no lines, the defaults, a zero calendar per process.
    const seen = expectNoErrors(
      await direct(
        'newco',
        `query($r: [_Any!]!, $f: Date!, $t: Date!) { lines { id } _entities(representations: $r) { ... on Member { capacity(from: $f, to: $t) { process weekStart availableHours } sharingPolicies { id } } } }`,
        { r: [{ __typename: 'Member', id: 'newco' }], f: mondayFromNow(0), t: mondayFromNow(11) },
      ),
    );
    expect(seen['lines']).toEqual([]);
    const member = seen['_entities'][0];
    expect(member.capacity).toHaveLength(24);
    expect(member.capacity.every((c: { availableHours: number }) => c.availableHours === 0)).toBe(true);
    expect(member.sharingPolicies.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['default-profile', 'default-capability', 'default-capacity-leader']),
    );
  });

  it('never lets one firm’s request touch another’s data, under concurrent reads and writes on the shared pool', async () => {
    // A token for cast does not open heat (the audience is the firm named in the path).
    const castToken = await ownerToken('cast');
    const crossed = await gql(`${hostUrl}/firms/heat/graphql`, '{ lines { id } }', {}, { token: castToken });
    expect(crossed.status).toBe(401);
    // A line of cast's is unknown to heat: the write is refused, nothing is stored.
    const foreignLine = await direct('heat', `mutation($e: [LineEventInput!]!) { reportLineEvents(memberId: "heat", events: $e) { accepted } }`, {
      e: [{ eventId: randomUUID(), lineId: 'cast-line-1', state: 'DOWN' }],
    });
    expect(foreignLine.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    // Interleaved reads and writes of both firms (every statement of each on the same small pool).
    const reported = { cast: [] as string[], heat: [] as string[] };
    const work = Array.from({ length: 60 }, async (_, i) => {
      const firm = i % 2 === 0 ? 'cast' : 'heat';
      if (i % 3 === 0) {
        const eventId = randomUUID();
        reported[firm].push(eventId);
        const r = await direct(firm, `mutation($e: [LineEventInput!]!) { reportLineEvents(memberId: "${firm}", events: $e) { accepted } }`, {
          e: [{ eventId, lineId: `${firm}-line-1`, state: i % 2 ? 'RUNNING' : 'IDLE' }],
        });
        expectNoErrors(r);
        return { firm, lines: null };
      }
      const r = expectNoErrors(
        await direct(firm, `query($r: [_Any!]!) { lines { id } _entities(representations: $r) { ... on Member { id capabilities { process } } } }`, {
          r: [{ __typename: 'Member', id: firm }],
        }),
      );
      return { firm, lines: r['lines'] as Array<{ id: string }>, capabilities: r['_entities'][0].capabilities as Array<{ process: string }> };
    });
    for (const result of await Promise.all(work)) {
      if (!result.lines) continue;
      expect(result.lines.map((l) => l.id)).toEqual([`${result.firm}-line-1`]);
      expect(result.capabilities).toEqual([{ process: result.firm === 'cast' ? 'CASTING' : 'HEAT_TREATMENT' }]);
    }
    for (const firm of ['cast', 'heat'] as const) {
      const events = expectNoErrors(await direct(firm, `{ lineEvents(limit: 1000) { eventId lineId memberId } }`))['lineEvents'] as Array<{
        eventId: string;
        lineId: string;
        memberId: string;
      }>;
      const ids = new Set(events.map((e) => e.eventId));
      for (const id of reported[firm]) expect(ids.has(id), `${firm} has its own event`).toBe(true);
      const other = firm === 'cast' ? 'heat' : 'cast';
      for (const id of reported[other]) expect(ids.has(id), `${firm} never has ${other}'s event`).toBe(false);
      expect(events.every((e) => e.lineId === `${firm}-line-1` && e.memberId === firm)).toBe(true);
    }

    // The same Idempotency-Key at two firms: each answers its own write, none replays the other's.
    const key = `same-key-${randomUUID()}`;
    const write = async (firm: string) =>
      gql(
        cluster.gatewayUrl,
        `mutation($e: [LineEventInput!]!) { reportLineEvents(memberId: "${firm}", events: $e) { accepted } }`,
        { e: [{ eventId: randomUUID(), lineId: `${firm}-line-1`, state: 'MAINTENANCE' }] },
        { token: await cluster.token(`admin@${firm}`), headers: { 'idempotency-key': key } },
      );
    expect(expectNoErrors(await write('cast'))['reportLineEvents'].accepted).toBe(1);
    expect(expectNoErrors(await write('heat'))['reportLineEvents'].accepted).toBe(1);

    // Policies are per firm: heat revoking the leader's capacity view leaves cast's in force.
    const leader = await cluster.token('planner@lead');
    const capacityOf = async (firm: string) =>
      (
        await gql(
          cluster.gatewayUrl,
          `query($f: Date!, $t: Date!) { member(id: "${firm}") { capacity(from: $f, to: $t) { weekStart } } }`,
          { f: mondayFromNow(0), t: mondayFromNow(1) },
          { token: leader, purpose: 'JOINT_PLANNING' },
        )
      ).data?.['member']?.capacity;
    expect(await capacityOf('heat')).toHaveLength(2);
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `mutation { revokeSharing(memberId: "heat", policyId: "default-capacity-leader") { id } }`,
        {},
        {
          token: await cluster.token('admin@heat'),
        },
      ),
    );
    expect(await capacityOf('heat')).toBeNull();
    expect(await capacityOf('cast')).toHaveLength(2);

    // On PostgreSQL: each firm's tables in its own schema, none in public.
    const url = cluster.databaseUrlOf('member-host');
    if (url) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const schemas = await sql<{ table_schema: string }[]>`select table_schema from information_schema.tables where table_name = 'lines' order by 1`;
        expect(schemas.map((s) => s.table_schema)).toEqual(expect.arrayContaining(['firm_cast', 'firm_heat']));
        expect(schemas.map((s) => s.table_schema)).not.toContain('public');
      } finally {
        await sql.end();
      }
    }
  });

  it('delivers a hosted firm’s line events to its own subscribers only', async () => {
    const token = await cluster.token('planner@lead');
    const client = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}`, purpose: 'MONITORING' },
      retryAttempts: 0,
      lazy: false,
    });
    sockets.push(client);
    const seen: Array<{ memberId: string; eventId: string }> = [];
    client.subscribe<{ lineStatusChanged: { memberId: string; eventId: string } }>(
      { query: `subscription { lineStatusChanged(memberIds: ["cast"]) { memberId eventId } }` },
      { next: (p) => p.data && seen.push(p.data.lineStatusChanged), error: () => {}, complete: () => {} },
    );
    const report = async (firm: string) => {
      const eventId = randomUUID();
      expectNoErrors(
        await direct(firm, `mutation($e: [LineEventInput!]!) { reportLineEvents(memberId: "${firm}", events: $e) { accepted } }`, {
          e: [{ eventId, lineId: `${firm}-line-1`, state: 'RUNNING' }],
        }),
      );
      return eventId;
    };
    // Until the subscription is open upstream, an event may fall before it: report until one arrives.
    await waitFor('a cast event', async () => {
      const id = await report('cast');
      await new Promise((r) => setTimeout(r, 300));
      return seen.some((e) => e.eventId === id);
    });
    const heatEvents: string[] = [await report('heat'), await report('heat')];
    const last = await report('cast');
    await waitFor('the last cast event', async () => seen.some((e) => e.eventId === last));
    expect(seen.every((e) => e.memberId === 'cast')).toBe(true);
    expect(seen.some((e) => heatEvents.includes(e.eventId))).toBe(false);
    // Closed here: an open subscription keeps its firm open (the next test waits for cast to close).
    await client.dispose();
  });

  it('closes an idle firm, keeps its ledger, and opens it again on the next request', async () => {
    const heatPlanner = await cluster.token('planner@heat');
    const read = await gql(cluster.gatewayUrl, `{ member(id: "cast") { capabilities { process } } }`, {}, { token: heatPlanner });
    expect(read.data?.['member'].capabilities).toHaveLength(1);
    const stateOf = async (id: string) => ((await admin('GET', '/admin/firms')).body.firms as FirmRow[]).find((f) => f.memberId === id)!.state;
    await waitFor('cast closed when idle', async () => (await stateOf('cast')) === 'IDLE', 30_000, 500);
    // Health of a closed firm answers without opening it.
    const health = (await (await fetch(`${hostUrl}/firms/cast/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', hosted: true, open: false });
    expect(await stateOf('cast')).toBe('IDLE');
    // The read before it closed is in the ledger (flushed on close), seen after it opened again.
    const ledger = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `{ member(id: "cast") { dataUsage(readerId: "heat", category: CAPABILITY) { records } } }`,
        {},
        {
          token: await cluster.token('admin@cast'),
        },
      ),
    )['member'].dataUsage as Array<{ records: number }>;
    expect(ledger.reduce((n, r) => n + r.records, 0)).toBeGreaterThanOrEqual(1);
    expect(await stateOf('cast')).toBe('LOADED');
  });

  it('answers 404 for a firm it does not host, over HTTP and WebSocket', async () => {
    const r = await fetch(`${hostUrl}/firms/nobody/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ lines { id } }"}',
    });
    expect(r.status).toBe(404);
    expect(((await r.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const ws = new (WebSocket as typeof import('ws').WebSocket)(`${hostUrl.replace(/^http/, 'ws')}/firms/nobody/graphql`, 'graphql-transport-ws');
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(undefined));
    });
    ws.terminate();
    expect(status).toBe(404);
    expect((await fetch(`${hostUrl}/firms/%E0%A4%A/graphql`)).status).toBe(404);
  });

  it('deletes a firm: its data is gone, its endpoint answers 404, and the deletion is recorded', async () => {
    expectNoErrors(
      await direct('newco', `mutation($l: LineInput!) { upsertLine(memberId: "newco", input: $l) { id } }`, {
        l: { id: 'newco-line-1', name: 'Welding cell', processes: ['WELDING'] },
      }),
    );
    const deleted = await admin('DELETE', '/admin/firms/newco');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ memberId: 'newco', deletedAt: expect.any(String) });
    expect(Date.parse(deleted.body.deletedAt)).toBeGreaterThan(Date.now() - 60_000);
    const listed = ((await admin('GET', '/admin/firms')).body.firms as FirmRow[]).map((f) => f.memberId);
    expect(listed).not.toContain('newco');
    expect((await gql(`${hostUrl}/firms/newco/graphql`, '{ lines { id } }', {}, { token: await ownerToken('newco') })).status).toBe(404);
    // Asked again: the recorded deletion, not a new one.
    const again = await admin('DELETE', '/admin/firms/newco');
    expect(again).toEqual({ status: 200, body: deleted.body });
    expect((await admin('DELETE', '/admin/firms/never-hosted')).status).toBe(404);
    expect((await admin('DELETE', '/admin/firms/Not_An_Id')).status).toBe(400);
    // Other firms are untouched.
    expect((await direct('cast', '{ lines { id } }')).data?.['lines']).toEqual([{ id: 'cast-line-1' }]);

    const url = cluster.databaseUrlOf('member-host');
    if (url) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [record] = await sql<{ member_id: string; requested_by: string; rows_removed: Record<string, number>; total_rows: number }[]>`
          select member_id, requested_by, rows_removed, total_rows from member_host.hosted_firm_deletions where member_id = 'newco'`;
        expect(record).toMatchObject({ member_id: 'newco', requested_by: 'service:registry' });
        expect(record!.rows_removed).toMatchObject({ lines: 1, member_profile: 1, capacity_weeks: 24 });
        expect(record!.total_rows).toBeGreaterThanOrEqual(26);
        const [schema] = await sql`select 1 from information_schema.schemata where schema_name = 'firm_newco'`;
        expect(schema).toBeUndefined();
      } finally {
        await sql.end();
      }
    }
    // Provisioned again later, the id starts empty.
    expect((await admin('POST', '/admin/firms', { memberId: 'newco', name: 'New Co', processes: ['WELDING'] })).status).toBe(201);
    expect((await direct('newco', '{ lines { id } }')).data?.['lines']).toEqual([]);
  });
});
