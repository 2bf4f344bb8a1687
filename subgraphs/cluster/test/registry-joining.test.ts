import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { TestDatabase } from '@clustergraph/runtime/testing';
import { members } from '../src/index.ts';
import { createRegistryDatabase, dataOf, REGISTER, startRegistry, type Caller, type RunningRegistry } from './registryHarness.ts';

/**
 * Issue 18: firms apply by themselves (an applicant sign-in), HOSTED or SELF_HOSTED; the leader
 * approves (a HOSTED firm provisioned on the member host first) or rejects with a reason.
 * The member host here is a stand-in HTTP server speaking the provisioning contract, which
 * checks the registry's token with the registry's own public key; the real host is exercised
 * end to end in test/e2e/joining.e2e.ts.
 */

interface HostCall {
  body: Record<string, unknown>;
  claims: Record<string, unknown>;
  signatureValid: boolean;
}

/** A member host stand-in: answers POST /admin/firms with `answer`, records each call. */
class StandInHost {
  readonly calls: HostCall[] = [];
  answer: (body: Record<string, unknown>) => { status: number; body: unknown } = (body) => ({
    status: 201,
    body: { memberId: body['memberId'], endpoint: `http://127.0.0.1:4999/firms/${String(body['memberId'])}/graphql` },
  });
  private server: Server | null = null;
  jwksUrl = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (req.method !== 'POST' || req.url !== '/admin/firms') return { status: 404, body: { error: 'not found' } };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const body = JSON.parse(text) as Record<string, unknown>;
    this.calls.push({ body, claims: decodeClaims(token), signatureValid: await verifyEs256(token, this.jwksUrl) });
    return this.answer(body);
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

function decodeClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Verifies an ES256 JWS against the first key of a JWKS, with WebCrypto (no library between). */
async function verifyEs256(token: string, jwksUrl: string): Promise<boolean> {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: JsonWebKey[] };
  const key = await crypto.subtle.importKey('jwk', keys[0]!, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(signature, 'base64url'), new TextEncoder().encode(`${header}.${payload}`));
}

const APPLICATION = `{ id name status statusReason hosting appliedProcesses endpoint roles requestedRoles }`;
const codeOf = (answer: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => answer.errors?.[0]?.extensions;

describe('cluster registry: joining by itself', () => {
  let database: TestDatabase;
  let registry: RunningRegistry;
  const host = new StandInHost();
  const rowCount = async () => (await registry.app.database.db.select({ n: count() }).from(members))[0]?.n ?? 0;
  const application = async (id: string, as: Caller) => dataOf(await registry.post(`query($id: ID!) { member(id: $id) ${APPLICATION} }`, { id }, as))['member'];

  beforeAll(async () => {
    const hostUrl = await host.start();
    database = await createRegistryDatabase('joining');
    registry = await startRegistry({ database, env: { MEMBER_HOST_URL: hostUrl } });
    host.jwksUrl = new URL('/.well-known/jwks.json', registry.url).toString();
  });
  afterAll(async () => {
    await registry?.stop();
    await database?.drop();
    await host.stop();
  });

  it('takes a HOSTED application from the applicant for its own id, without an endpoint', async () => {
    const data = dataOf(
      await registry.post(
        REGISTER,
        { input: { name: 'New Co.', roles: ['PARTNER'], hosting: 'HOSTED', processes: ['WELDING', 'PAINTING', 'WELDING'] } },
        'applicant',
      ),
    );
    // No id given: the applicant's sign-in names it.
    expect(data['registerMember']).toMatchObject({
      id: 'newco',
      status: 'PENDING',
      hosting: 'HOSTED',
      appliedProcesses: ['WELDING', 'PAINTING'],
      endpoint: null,
      roles: [],
      requestedRoles: ['PARTNER'],
    });
  });

  it('refuses a second application, one for another id, and bad hosting input, storing nothing', async () => {
    const before = await rowCount();
    const twice = await registry.post(REGISTER, { input: { id: 'newco', name: 'New Co. again', roles: ['PARTNER'], hosting: 'HOSTED' } }, 'applicant');
    expect(codeOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    const other = await registry.post(REGISTER, { input: { id: 'otherco', name: 'Other Co.', roles: ['PARTNER'], hosting: 'HOSTED' } }, 'applicant');
    expect(codeOf(other)).toMatchObject({ code: 'FORBIDDEN', field: 'input.id' });
    const hostedWithUrl = await registry.post(
      REGISTER,
      { input: { id: 'x-hosted', name: 'X', roles: ['PARTNER'], hosting: 'HOSTED', endpoint: 'http://10.0.0.1/graphql' } },
      'leaderAdmin',
    );
    expect(codeOf(hostedWithUrl)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endpoint' });
    const selfWithoutUrl = await registry.post(REGISTER, { input: { id: 'x-self', name: 'X', roles: ['PARTNER'], hosting: 'SELF_HOSTED' } }, 'leaderAdmin');
    expect(codeOf(selfWithoutUrl)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endpoint' });
    const unknownProcess = await registry.post(
      REGISTER,
      { input: { id: 'x-proc', name: 'X', roles: ['PARTNER'], hosting: 'HOSTED', processes: ['ALCHEMY'] } },
      'leaderAdmin',
    );
    expect(codeOf(unknownProcess)).toMatchObject({ code: 'BAD_USER_INPUT' });
    // An applicant cannot claim the leader's role either.
    const leader = await registry.post(REGISTER, { input: { id: 'newco', name: 'X', roles: ['LEADER'], hosting: 'HOSTED' } }, 'applicant');
    expect(codeOf(leader)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roles' });
    expect(await rowCount()).toBe(before);
  });

  it('gives an applicant no say in the registry, even one whose sign-in names the leader', async () => {
    for (const caller of ['applicant', 'applicantForLead'] as const) {
      for (const mutation of [
        'mutation { approveMember(id: "newco") { status } }',
        'mutation { rejectMember(id: "newco", reason: "no") { status } }',
        'mutation { suspendMember(id: "newco", reason: "no") { status } }',
        'mutation { updateMemberEndpoint(id: "newco", endpoint: "http://10.6.6.6/graphql") { id } }',
      ]) {
        expect(codeOf(await registry.post(mutation, {}, caller))?.['code'], `${caller}: ${mutation}`).toBe('FORBIDDEN');
      }
    }
    expect(codeOf(await registry.post('{ jointOrders { id } }', {}, 'applicantForLead'))?.['code']).toBe('FORBIDDEN');
    expect((await application('newco', 'leaderAdmin')).status).toBe('PENDING');
  });

  it('shows the application (endpoint, reasons) to the firm itself and the leader’s admins only', async () => {
    expect(dataOf(await registry.post('{ me { memberId roles memberRoles member { id status } } }', {}, 'applicant'))['me']).toEqual({
      memberId: 'newco',
      roles: ['applicant'],
      memberRoles: [],
      member: { id: 'newco', status: 'PENDING' },
    });
    const self = dataOf(
      await registry.post(
        REGISTER,
        { input: { id: 'selfco', name: 'Self Co.', roles: ['PARTNER'], endpoint: 'http://127.0.0.1:4998/graphql' } },
        'partnerAdmin',
      ),
    );
    expect(self['registerMember'].hosting).toBe('SELF_HOSTED');
    expect((await application('selfco', 'leaderAdmin')).endpoint).toBe('http://127.0.0.1:4998/graphql');
    for (const caller of ['anonymous', 'applicant', 'leaderPlanner'] as const) expect((await application('selfco', caller)).endpoint, caller).toBeNull();
  });

  it('leaves a HOSTED application PENDING with the reason when the member host fails, and provisions it when the host works', async () => {
    host.answer = () => ({ status: 503, body: { error: 'host is full' } });
    const failed = await registry.post(`mutation { approveMember(id: "newco", roles: [PARTNER]) ${APPLICATION} }`, {}, 'leaderAdmin');
    expect(codeOf(failed)).toMatchObject({ code: 'PROVISIONING_FAILED', field: 'id', memberId: 'newco' });
    expect(failed.errors?.[0]?.message).toMatch(/HTTP 503: host is full/);
    expect(failed.errors?.[0]?.message).not.toMatch(/127\.0\.0\.1/);
    const pending = await application('newco', 'leaderAdmin');
    expect(pending).toMatchObject({ status: 'PENDING', endpoint: null, roles: [] });
    expect(pending.statusReason).toMatch(/host is full/);
    // The firm sees why; a visitor does not.
    expect((await application('newco', 'applicant')).statusReason).toMatch(/host is full/);
    expect((await application('newco', 'anonymous')).statusReason).toBeNull();

    host.answer = (body) => ({
      status: 201,
      body: { memberId: body['memberId'], endpoint: `http://127.0.0.1:4999/firms/${String(body['memberId'])}/graphql` },
    });
    const approved = dataOf(await registry.post(`mutation { approveMember(id: "newco", roles: [PARTNER]) ${APPLICATION} }`, {}, 'leaderAdmin'));
    expect(approved['approveMember']).toMatchObject({
      status: 'ACTIVE',
      statusReason: null,
      roles: ['PARTNER'],
      endpoint: 'http://127.0.0.1:4999/firms/newco/graphql',
    });
    const call = host.calls.at(-1)!;
    expect(call.body).toEqual({ memberId: 'newco', name: 'New Co.', processes: ['WELDING', 'PAINTING'] });
    expect(call.signatureValid).toBe(true);
    expect(call.claims).toMatchObject({ aud: 'urn:clustergraph:member-host', sub: 'service:registry' });
    expect((call.claims['exp'] as number) - (call.claims['iat'] as number)).toBeLessThanOrEqual(60);
    // The gateway routes it from the registry's table.
    const table = dataOf(await registry.post('{ routingTable { memberId endpoint status } }', {}, 'gateway'))['routingTable'] as Array<Record<string, unknown>>;
    expect(table.find((e) => e.memberId === 'newco')).toEqual({ memberId: 'newco', endpoint: 'http://127.0.0.1:4999/firms/newco/graphql', status: 'ACTIVE' });
  });

  it('refuses a member host answer for another firm or without a usable endpoint', async () => {
    dataOf(await registry.post(REGISTER, { input: { id: 'oddco', name: 'Odd Co.', roles: ['PARTNER'], hosting: 'HOSTED' } }, 'leaderAdmin'));
    for (const answer of [
      { memberId: 'someone-else', endpoint: 'http://127.0.0.1:4999/x/graphql' },
      { memberId: 'oddco', endpoint: 'file:///etc/passwd' },
    ]) {
      host.answer = () => ({ status: 201, body: answer });
      const refused = await registry.post('mutation { approveMember(id: "oddco") { status } }', {}, 'leaderAdmin');
      expect(codeOf(refused)?.['code'], JSON.stringify(answer)).toBe('PROVISIONING_FAILED');
    }
    expect((await application('oddco', 'leaderAdmin')).status).toBe('PENDING');
  });

  it('rejects an application with a reason the applicant sees, and only an application', async () => {
    dataOf(await registry.post(REGISTER, { input: { id: 'rejco', name: 'Rej Co.', roles: ['ANCHOR'], hosting: 'HOSTED' } }, 'partnerAdmin'));
    const empty = await registry.post('mutation { rejectMember(id: "rejco", reason: "  ") { status } }', {}, 'leaderAdmin');
    expect(codeOf(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = dataOf(
      await registry.post(`mutation { rejectMember(id: "rejco", reason: "no casting capacity needed this year") ${APPLICATION} }`, {}, 'leaderAdmin'),
    );
    expect(rejected['rejectMember']).toMatchObject({ status: 'REJECTED', statusReason: 'no casting capacity needed this year', roles: [] });
    expect((await application('rejco', 'anonymous')).statusReason).toBeNull();
    expect((await application('rejco', 'partnerAdmin')).statusReason).toBeNull();
    // Rejected is not a member: not counted, not routed as ACTIVE, and an ACTIVE member is suspended, not rejected.
    const activeRejected = await registry.post('mutation { rejectMember(id: "newco", reason: "changed my mind") { status } }', {}, 'leaderAdmin');
    expect(codeOf(activeRejected)).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(codeOf(await registry.post('mutation { rejectMember(id: "ghost", reason: "x") { status } }', {}, 'leaderAdmin'))?.['code']).toBe('NOT_FOUND');
    expect(dataOf(await registry.post('{ cluster { memberCount } }'))['cluster'].memberCount).toBe(1);
  });

  it('refuses a HOSTED approval with HOSTING_UNAVAILABLE when the cluster has no member host', async () => {
    const database2 = await createRegistryDatabase('joining-nohost');
    const bare = await startRegistry({ database: database2 });
    try {
      dataOf(await bare.post(REGISTER, { input: { name: 'New Co.', roles: ['PARTNER'], hosting: 'HOSTED' } }, 'applicant'));
      const refused = await bare.post('mutation { approveMember(id: "newco") { status } }', {}, 'leaderAdmin');
      expect(codeOf(refused)).toMatchObject({ code: 'HOSTING_UNAVAILABLE', field: 'id' });
      const still = dataOf(await bare.post('{ member(id: "newco") { status statusReason } }', {}, 'leaderAdmin'))['member'];
      expect(still.status).toBe('PENDING');
      expect(still.statusReason).toMatch(/MEMBER_HOST_URL/);
    } finally {
      await bare.stop();
      await database2.drop();
    }
  });
});
