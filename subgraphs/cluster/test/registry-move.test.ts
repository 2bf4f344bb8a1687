import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberSdl } from '@clustergraph/schema';
import type { TestDatabase } from '@clustergraph/runtime/testing';
import { createRegistryDatabase, dataOf, REGISTER, startRegistry, type Caller, type RunningRegistry } from './registryHarness.ts';

/**
 * Issue 18, leaving with the data: the endpoint switch the registry checks before it routes, and
 * the recorded deletion of the hosted copy. The member servers and the member host here are one
 * stand-in HTTP server that says what each test needs (a server of another firm, one a few
 * events short, one that is the frozen copy itself…), each at its own path, speaking the member
 * check (GET …/member-check) and refusing GraphQL without a token as every member server does.
 * The real servers are moved end to end in test/browser/move.browser.ts and test/e2e/portability.e2e.ts.
 */

interface Report {
  memberId: string;
  sdl?: string;
  state: 'SERVING' | 'MOVING' | 'MOVED';
  lastEventSeq: number;
}

class StandInServers {
  /** By path prefix ("firms/cast", "own/cast-new"): what the member check says; null: 404. */
  readonly reports = new Map<string, Report | null>();
  readonly hosted = new Map<string, string>();
  readonly deletions: Array<{ memberId: string; authorization: string }> = [];
  private server: Server | null = null;
  base = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  endpoint(prefix: string): string {
    return `${this.base}/${prefix}/graphql`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = req.url ?? '';
    if (req.method === 'POST' && url === '/admin/firms') {
      const { memberId } = JSON.parse(text) as { memberId: string };
      this.hosted.set(memberId, this.endpoint(`firms/${memberId}`));
      return send(201, { memberId, endpoint: this.hosted.get(memberId) });
    }
    if (req.method === 'GET' && url === '/admin/firms') {
      return send(200, { firms: [...this.hosted].map(([memberId, endpoint]) => ({ memberId, endpoint, state: 'ACTIVE', name: memberId, processes: [] })) });
    }
    const deletion = /^\/admin\/firms\/([^/]+)$/.exec(url);
    if (req.method === 'DELETE' && deletion) {
      const memberId = decodeURIComponent(deletion[1]!);
      this.deletions.push({ memberId, authorization: req.headers.authorization ?? '' });
      this.hosted.delete(memberId);
      this.reports.delete(`firms/${memberId}`);
      return send(200, { memberId, deletedAt: '2026-12-07T06:00:00.000Z' });
    }
    const check = /^\/(.+)\/member-check$/.exec(url);
    if (req.method === 'GET' && check) {
      const report = this.reports.get(check[1]!);
      if (!report) return send(404, { error: 'no such route' });
      return send(200, {
        memberId: report.memberId,
        sdl: report.sdl ?? memberSdl,
        transfer: { state: report.state, since: '2026-12-07T05:00:00.000Z', lastEventSeq: report.lastEventSeq },
      });
    }
    if (req.method === 'POST' && /\/graphql$/.test(url))
      return send(401, { errors: [{ message: 'a valid gateway token is required', extensions: { code: 'UNAUTHENTICATED' } }] });
    return send(404, { error: 'not found' });
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

const codeOf = (answer: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => answer.errors?.[0]?.extensions;
const SWITCH = 'mutation($id: ID!, $endpoint: String!) { updateMemberEndpoint(id: $id, endpoint: $endpoint) { id endpoint hosting } }';
const DELETE = 'mutation($id: ID!) { deleteHostedCopy(id: $id) { memberId endpoint deletedBy deletedAt recordedAt hostRecord } }';

describe('cluster registry: a firm’s move to its own server', () => {
  let database: TestDatabase;
  let registry: RunningRegistry;
  const servers = new StandInServers();
  let closedPort: string;

  const entry = async (id: string) => dataOf(await registry.post(`{ member(id: "${id}") { endpoint hosting } }`, {}, 'leaderAdmin'))['member'];
  const switchAs = (caller: Caller | null, id: string, endpoint: string) => registry.post(SWITCH, { id, endpoint }, caller);

  beforeAll(async () => {
    database = await createRegistryDatabase('move');
    const base = await servers.start();
    registry = await startRegistry({ database, env: { MEMBER_HOST_URL: base } });
    dataOf(
      await registry.post(REGISTER, { input: { id: 'cast', name: 'Cast Co.', roles: ['PARTNER'], hosting: 'HOSTED', processes: ['CASTING'] } }, 'leaderAdmin'),
    );
    dataOf(await registry.post('mutation { approveMember(id: "cast") { status } }', {}, 'leaderAdmin'));
    dataOf(
      await registry.post(REGISTER, { input: { id: 'heat', name: 'Heat Co.', roles: ['PARTNER'], endpoint: servers.endpoint('own/heat') } }, 'leaderAdmin'),
    );
    dataOf(await registry.post('mutation { approveMember(id: "heat") { status } }', {}, 'leaderAdmin'));
    servers.reports.set('firms/cast', { memberId: 'cast', state: 'SERVING', lastEventSeq: 42 });
    servers.reports.set('own/heat', { memberId: 'heat', state: 'SERVING', lastEventSeq: 7 });
    servers.reports.set('own/cast-new', { memberId: 'cast', state: 'SERVING', lastEventSeq: 42 });
    servers.reports.set('own/cast-short', { memberId: 'cast', state: 'SERVING', lastEventSeq: 40 });
    servers.reports.set('own/cast-frozen', { memberId: 'cast', state: 'MOVING', lastEventSeq: 42 });
    servers.reports.set('own/rogue', { memberId: 'cast', state: 'SERVING', lastEventSeq: 42, sdl: 'type Query { hello: String }' });
    servers.reports.set('own/nocheck', null);
    // A port nobody listens on: a server started and stopped.
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    closedPort = String((probe.address() as AddressInfo).port);
    await new Promise<void>((ok) => probe.close(() => ok()));
  });

  afterAll(async () => {
    await registry?.stop();
    await servers.stop();
    await database?.drop();
  });

  it('lets no one but the firm’s admins and the leader’s move the firm’s endpoint', async () => {
    const before = await entry('cast');
    expect(before).toEqual({ endpoint: servers.endpoint('firms/cast'), hosting: 'HOSTED' });
    for (const caller of ['heatAdmin', 'partnerPlanner', 'applicantForCast', 'anonymous', 'gateway'] as const) {
      const answer = await switchAs(caller, 'cast', servers.endpoint('own/cast-new'));
      expect(codeOf(answer)?.['code'], caller).toBe('FORBIDDEN');
      expect(answer.data ?? null).toBeNull();
    }
    // Another firm's admin cannot point a third firm anywhere either, not even at that firm's real server.
    expect(codeOf(await switchAs('partnerAdmin', 'heat', servers.endpoint('own/heat')))?.['code']).toBe('FORBIDDEN');
    expect(await entry('cast')).toEqual(before);
  });

  it('refuses a switch while the current copy is not MOVING, for the firm and for the leader', async () => {
    for (const caller of ['partnerAdmin', 'leaderAdmin'] as const) {
      const answer = await switchAs(caller, 'cast', servers.endpoint('own/cast-new'));
      expect(codeOf(answer), caller).toMatchObject({ code: 'MEMBER_NOT_MOVING', field: 'id', memberId: 'cast', state: 'SERVING' });
    }
    expect((await entry('cast')).endpoint).toBe(servers.endpoint('firms/cast'));
  });

  it('checks the new server before it routes, and changes nothing on a refusal', async () => {
    servers.reports.set('firms/cast', { memberId: 'cast', state: 'MOVING', lastEventSeq: 42 });
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['ftp://mes.cast.example/graphql', 'BAD_USER_INPUT', { field: 'endpoint' }],
      [`http://127.0.0.1:${closedPort}/graphql`, 'MEMBER_UNREACHABLE', { field: 'endpoint' }],
      [servers.endpoint('own/nocheck'), 'MEMBER_UNREACHABLE', { field: 'endpoint' }],
      [servers.endpoint('own/rogue'), 'SDL_MISMATCH', { field: 'endpoint' }],
      [servers.endpoint('own/heat'), 'MEMBER_ID_MISMATCH', { field: 'endpoint', servedMemberId: 'heat' }],
      [servers.endpoint('own/cast-short'), 'DATA_MISMATCH', { field: 'endpoint', expectedLastEventSeq: 42, foundLastEventSeq: 40 }],
      // The frozen copy itself under another address holds the data but would take no write.
      [servers.endpoint('own/cast-frozen'), 'DATA_MISMATCH', { field: 'endpoint', state: 'MOVING' }],
      [servers.endpoint('firms/cast'), 'CONFLICT', { field: 'endpoint' }],
    ];
    for (const [endpoint, code, extensions] of cases) {
      const answer = await switchAs('partnerAdmin', 'cast', endpoint);
      expect(codeOf(answer), endpoint).toMatchObject({ code, ...extensions });
      expect(answer.data ?? null).toBeNull();
    }
    // The leader's admin gets the same checks.
    expect(codeOf(await switchAs('leaderAdmin', 'cast', servers.endpoint('own/cast-short')))?.['code']).toBe('DATA_MISMATCH');
    expect(await entry('cast')).toEqual({ endpoint: servers.endpoint('firms/cast'), hosting: 'HOSTED' });
    const routing = dataOf(await registry.post('{ routingTable { memberId endpoint } }', {}, 'gateway'))['routingTable'];
    expect(routing).toContainEqual({ memberId: 'cast', endpoint: servers.endpoint('firms/cast') });
  });

  it('shows the firm and the leader where the current server stands, and nobody else', async () => {
    const query = '{ member(id: "cast") { transfer { state lastEventSeq since } } }';
    for (const caller of ['partnerAdmin', 'partnerPlanner', 'leaderAdmin'] as const) {
      expect(dataOf(await registry.post(query, {}, caller))['member'].transfer, caller).toEqual({
        state: 'MOVING',
        lastEventSeq: 42,
        since: '2026-12-07T05:00:00.000Z',
      });
    }
    for (const caller of ['heatAdmin', 'anonymous'] as const) expect(dataOf(await registry.post(query, {}, caller))['member'].transfer, caller).toBeNull();
  });

  it('refuses to delete the hosted copy while it is still the endpoint', async () => {
    const answer = await registry.post(DELETE, { id: 'cast' }, 'partnerAdmin');
    expect(codeOf(answer)).toMatchObject({ code: 'HOSTED_COPY_IN_USE', field: 'id', memberId: 'cast' });
    expect(servers.deletions).toEqual([]);
    expect((await entry('cast')).hosting).toBe('HOSTED');
  });

  it('switches the firm’s own admin to a server that holds its data', async () => {
    const switched = dataOf(await switchAs('partnerAdmin', 'cast', ` ${servers.endpoint('own/cast-new')} `))['updateMemberEndpoint'];
    expect(switched).toEqual({ id: 'cast', endpoint: servers.endpoint('own/cast-new'), hosting: 'HOSTED' });
    const routing = dataOf(await registry.post('{ routingTable { memberId endpoint } }', {}, 'gateway'))['routingTable'];
    expect(routing).toContainEqual({ memberId: 'cast', endpoint: servers.endpoint('own/cast-new') });
  });

  it('deletes the hosted copy for the firm’s admin only, records it, and makes the firm SELF_HOSTED', async () => {
    for (const caller of ['heatAdmin', 'partnerPlanner', 'applicantForCast', 'anonymous', 'gateway'] as const) {
      expect(codeOf(await registry.post(DELETE, { id: 'cast' }, caller))?.['code'], caller).toBe('FORBIDDEN');
    }
    expect(codeOf(await registry.post(DELETE, { id: 'heat' }, 'leaderAdmin'))).toMatchObject({ code: 'NOT_HOSTED', field: 'id' });
    expect(servers.deletions).toEqual([]);

    const record = dataOf(await registry.post(DELETE, { id: 'cast' }, 'partnerAdmin'))['deleteHostedCopy'];
    expect(record).toMatchObject({
      memberId: 'cast',
      endpoint: servers.endpoint('firms/cast'),
      deletedBy: 'admin@cast',
      deletedAt: '2026-12-07T06:00:00.000Z',
    });
    expect(JSON.parse(record.hostRecord)).toEqual({ memberId: 'cast', deletedAt: '2026-12-07T06:00:00.000Z' });
    expect(servers.deletions.map((d) => d.memberId)).toEqual(['cast']);
    // The host's own token: the registry's, for the host's audience.
    const claims = JSON.parse(Buffer.from(servers.deletions[0]!.authorization.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: 'urn:clustergraph:member-host', sub: 'service:registry' });
    expect(await entry('cast')).toEqual({ endpoint: servers.endpoint('own/cast-new'), hosting: 'SELF_HOSTED' });

    // Once only: the firm has no hosted copy any more.
    expect(codeOf(await registry.post(DELETE, { id: 'cast' }, 'partnerAdmin'))?.['code']).toBe('NOT_HOSTED');
    const deletions = '{ member(id: "cast") { copyDeletions { memberId deletedBy deletedAt } } }';
    for (const caller of ['partnerAdmin', 'partnerPlanner', 'leaderAdmin'] as const) {
      expect(dataOf(await registry.post(deletions, {}, caller))['member'].copyDeletions, caller).toEqual([
        { memberId: 'cast', deletedBy: 'admin@cast', deletedAt: '2026-12-07T06:00:00.000Z' },
      ]);
    }
    for (const caller of ['heatAdmin', 'anonymous'] as const)
      expect(dataOf(await registry.post(deletions, {}, caller))['member'].copyDeletions, caller).toEqual([]);
  });

  it('lets only the leader move a firm whose current server is gone, still checking the new one', async () => {
    servers.reports.delete('own/heat');
    servers.reports.set('own/heat-new', { memberId: 'heat', state: 'SERVING', lastEventSeq: 3 });
    expect(codeOf(await switchAs('heatAdmin', 'heat', servers.endpoint('own/heat-new')))).toMatchObject({ code: 'MEMBER_NOT_MOVING', field: 'id' });
    expect(codeOf(await switchAs('leaderAdmin', 'heat', servers.endpoint('own/cast-new')))).toMatchObject({ code: 'MEMBER_ID_MISMATCH', field: 'endpoint' });
    const moved = dataOf(await switchAs('leaderAdmin', 'heat', servers.endpoint('own/heat-new')))['updateMemberEndpoint'];
    expect(moved).toEqual({ id: 'heat', endpoint: servers.endpoint('own/heat-new'), hosting: 'SELF_HOSTED' });
  });
});
