import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT, importJWK, type JWK } from 'jose';
import { WebSocket } from 'ws';
import { expectNoErrors, gql, startTestCluster, startUnregisteredMember, testMember, waitFor, type TestCluster } from '@clustergraph/test';
import { startIncompatibleMember, type IncompatibleMember } from './support/incompatibleMember.ts';

// Issue 18, joining by itself: an applicant signs in (the demo issuer's applicant@<new-id>, or an
// OIDC token with the applicant claim), applies, and is approved or rejected by the leader's
// admin. As an attacker: the applicant reads no member data, acts for no other id, applies once,
// and its sign-in stops working for a firm that is a member.

let cluster: TestCluster;
let rogue: IncompatibleMember | null = null;
const clients: Client[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
}, 180_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await rogue?.stop();
  await cluster?.dispose();
});

const REGISTER = 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id status hosting endpoint requestedRoles appliedProcesses } }';
const APPLICATION = '{ me { userId memberId roles memberRoles member { id status statusReason hosting endpoint } } }';

async function demoTokenAnswer(login: string) {
  const res = await fetch(`${cluster.gatewayOrigin}/auth/demo-token?user=${encodeURIComponent(login)}`);
  return { status: res.status, body: (await res.json()) as { token?: string; code?: string; status?: string; error?: string } };
}

async function applicantToken(id: string): Promise<string> {
  const answer = await demoTokenAnswer(`applicant@${id}`);
  if (!answer.body.token) throw new Error(`no applicant token for ${id}: ${JSON.stringify(answer)}`);
  return answer.body.token;
}

/** A token signed with the demo issuer's key as an OIDC issuer would sign it, with any claims. */
async function issuerToken(subject: string, claims: Record<string, unknown>): Promise<string> {
  const stored = JSON.parse(readFileSync(join(cluster.rootDir, 'data', 'gateway', 'demo-issuer-key.json'), 'utf8')) as { privateJwk: JWK };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: stored.privateJwk.kid! })
    .setIssuer(`${cluster.gatewayOrigin}/auth`)
    .setAudience('clustergraph')
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(stored.privateJwk, 'ES256'));
}

const leader = async () => ({ token: await cluster.token('admin@lead') });
const codes = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => [
  ...new Set((result.errors ?? []).map((e) => e.extensions?.['code'])),
];

describe('applicant sign-in', () => {
  it('signs in applicant@<new-id> as an applicant with no member rights', async () => {
    const me = expectNoErrors(await gql(cluster.gatewayUrl, APPLICATION, {}, { token: await applicantToken('newco') }))['me'];
    expect(me).toEqual({ userId: 'applicant@newco', memberId: 'newco', roles: ['applicant'], memberRoles: [], member: null });
  });

  it('refuses an applicant sign-in for a firm that is a member, and for an id the registry would refuse', async () => {
    expect(await demoTokenAnswer('applicant@cast')).toMatchObject({ status: 403, body: { code: 'ALREADY_A_MEMBER', status: 'ACTIVE' } });
    expect((await demoTokenAnswer('applicant@cast')).body.token).toBeUndefined();
    expect((await demoTokenAnswer('applicant@x')).status).toBe(400);
    // A token with the applicant claim for a member's id (say, from a careless identity provider) acts as nobody.
    const forged = await issuerToken('applicant@lead', { applicant_for: 'lead', member_id: 'lead', roles: ['admin'] });
    const answer = await gql(cluster.gatewayUrl, '{ me { userId } }', {}, { token: forged });
    expect(answer.status).toBe(403);
    expect(codes(answer)).toEqual(['ALREADY_A_MEMBER']);
  });

  it('maps an OIDC token with the applicant claim to an applicant, whatever else it claims', async () => {
    const token = await issuerToken('kim@oidcco.example', { applicant_for: 'oidcco', member_id: 'cast', roles: ['admin', 'planner'] });
    const me = expectNoErrors(await gql(cluster.gatewayUrl, APPLICATION, {}, { token }))['me'];
    expect(me).toMatchObject({ userId: 'kim@oidcco.example', memberId: 'oidcco', roles: ['applicant'], memberRoles: [] });
    // It is not cast's admin: cast's sharing policies stay out of reach.
    const policies = await gql(cluster.gatewayUrl, '{ member(id: "cast") { sharingPolicies { id } } }', {}, { token });
    expect(policies.data?.['member']?.sharingPolicies ?? null).toBeNull();
    expect(codes(policies)).toContain('FORBIDDEN');
  });

  it('does not make a member’s user an applicant because its token names the role', async () => {
    const token = await issuerToken('admin@cast', { member_id: 'cast', roles: ['admin', 'applicant'] });
    const me = expectNoErrors(await gql(cluster.gatewayUrl, '{ me { roles memberRoles } }', {}, { token }))['me'];
    expect(me).toEqual({ roles: ['admin'], memberRoles: ['PARTNER'] });
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ lines(memberIds: ["cast"]) { id } }', {}, { token }))['lines'].length).toBeGreaterThan(0);
  });
});

describe('what an applicant may do', () => {
  it('reads no member data: queries, entities, writes and subscriptions are FORBIDDEN and reach no member', async () => {
    const token = await applicantToken('peekco');
    const lines = await gql(cluster.gatewayUrl, '{ lines { memberId id } }', {}, { token });
    expect(lines.data?.['lines'] ?? null).toBeNull();
    expect(codes(lines)).toEqual(['FORBIDDEN']);
    // The public registry answers; each member's own part does not.
    const overview = await gql(cluster.gatewayUrl, '{ members { id name lines { id } capabilities { process } } }', {}, { token });
    expect((overview.data?.['members'] as Array<{ id: string; lines: unknown }>).map((m) => m.id)).toEqual(expect.arrayContaining(['lead', 'cast', 'heat']));
    expect((overview.data?.['members'] as Array<{ lines: unknown; capabilities: unknown }>).every((m) => m.lines === null && m.capabilities === null)).toBe(
      true,
    );
    expect(codes(overview)).toEqual(['FORBIDDEN']);
    const write = await gql(
      cluster.gatewayUrl,
      'mutation { upsertLine(memberId: "cast", input: { id: "evil", name: "Evil", processes: [CASTING] }) { id } }',
      {},
      { token },
    );
    expect(codes(write)).toEqual(['FORBIDDEN']);
    const castLines = expectNoErrors(await gql(cluster.gatewayUrl, '{ lines(memberIds: ["cast"]) { id } }', {}, { token: await cluster.token('admin@cast') }))[
      'lines'
    ];
    expect(castLines.map((l: { id: string }) => l.id)).not.toContain('evil');

    const subscriber = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(subscriber);
    const outcome = await new Promise<unknown>((resolve) => {
      subscriber.subscribe(
        { query: 'subscription { lineStatusChanged { seq } }' },
        { next: (value) => resolve({ next: value }), error: (error) => resolve({ error }), complete: () => resolve({ complete: true }) },
      );
    });
    expect(JSON.stringify(outcome)).toMatch(/FORBIDDEN/);
    // Joint orders are the leader's business, not an applicant's.
    expect(codes(await gql(cluster.gatewayUrl, '{ jointOrders { id } }', {}, { token }))).toEqual(['FORBIDDEN']);
  });

  it('applies for its own id once, never for another, and reads its own application', async () => {
    const token = await applicantToken('newco');
    const other = await gql(cluster.gatewayUrl, REGISTER, { input: { id: 'otherco', name: 'Other Co.', roles: ['PARTNER'], hosting: 'HOSTED' } }, { token });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.id' });
    const applied = expectNoErrors(
      await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'New Co.', roles: ['PARTNER'], hosting: 'HOSTED', processes: ['WELDING'] } }, { token }),
    );
    expect(applied['registerMember']).toEqual({
      id: 'newco',
      status: 'PENDING',
      hosting: 'HOSTED',
      endpoint: null,
      requestedRoles: ['PARTNER'],
      appliedProcesses: ['WELDING'],
    });
    const twice = await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'New Co.', roles: ['ANCHOR'], hosting: 'HOSTED' } }, { token });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    const me = expectNoErrors(await gql(cluster.gatewayUrl, APPLICATION, {}, { token }))['me'];
    expect(me.member).toEqual({ id: 'newco', status: 'PENDING', statusReason: null, hosting: 'HOSTED', endpoint: null });
    // Once the gateway's next registry poll has it: listed for its applicant, and its sign-in still works while PENDING; the member logins do not.
    const listed = await waitFor('the demo issuer lists the open application', async () => {
      const body = (await (await fetch(`${cluster.gatewayOrigin}/auth/demo-users`)).json()) as { applicants: string[] };
      return body.applicants.includes('applicant@newco') ? body : null;
    });
    expect(listed.applicants).not.toContain('applicant@cast');
    expect(await demoTokenAnswer('admin@newco')).toMatchObject({ status: 403, body: { code: 'MEMBER_NOT_ACTIVE', status: 'PENDING' } });
    expect((await demoTokenAnswer('applicant@newco')).status).toBe(200);
  });

  it('leaves a HOSTED application PENDING with HOSTING_UNAVAILABLE when the cluster has no member host', async () => {
    const refused = await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "newco") { status } }', {}, await leader());
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'HOSTING_UNAVAILABLE', field: 'id' });
    const seen = expectNoErrors(await gql(cluster.gatewayUrl, APPLICATION, {}, { token: await applicantToken('newco') }))['me'].member;
    expect(seen.status).toBe('PENDING');
    expect(seen.statusReason).toMatch(/MEMBER_HOST_URL/);
  });
});

describe('the leader decides', () => {
  it('rejects with a reason the applicant sees and a visitor does not', async () => {
    const token = await applicantToken('rejco');
    expectNoErrors(await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'Rej Co.', roles: ['ANCHOR'], hosting: 'HOSTED' } }, { token }));
    const notLeader = await gql(
      cluster.gatewayUrl,
      'mutation { rejectMember(id: "rejco", reason: "x") { status } }',
      {},
      { token: await cluster.token('admin@cast') },
    );
    expect(codes(notLeader)).toEqual(['FORBIDDEN']);
    const reason = 'We need casting partners, not a second anchor, this year.';
    const rejected = expectNoErrors(
      await gql(cluster.gatewayUrl, 'mutation($r: String!) { rejectMember(id: "rejco", reason: $r) { status statusReason } }', { r: reason }, await leader()),
    );
    expect(rejected['rejectMember']).toEqual({ status: 'REJECTED', statusReason: reason });
    const seen = await waitFor('the applicant sees the rejection', async () => {
      const answer = await gql(cluster.gatewayUrl, APPLICATION, {}, { token });
      return answer.data?.['me']?.member?.status === 'REJECTED' ? answer.data['me'].member : null;
    });
    expect(seen.statusReason).toBe(reason);
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ member(id: "rejco") { status statusReason } }'))['member']).toEqual({
      status: 'REJECTED',
      statusReason: null,
    });
    const refused = await waitFor('the gateway sees the rejection', async () => {
      const answer = await demoTokenAnswer('admin@rejco');
      return answer.body.status === 'REJECTED' ? answer : null;
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'MEMBER_NOT_ACTIVE' } });
    // The rejected applicant still signs in, to read the answer.
    expect((await demoTokenAnswer('applicant@rejco')).status).toBe(200);
  });

  it('approves a SELF_HOSTED applicant: its SDL is checked and it is routed; the applicant sign-in ends there', async () => {
    await startUnregisteredMember(
      cluster,
      testMember('selfco', 'Self Hosted Co.', ['PARTNER'], 'Changwon', { WELDING: { actual: 60, maximum: 80, price: 45_000 } }),
    );
    const token = await applicantToken('selfco');
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        REGISTER,
        {
          input: {
            name: 'Self Hosted Co.',
            roles: ['PARTNER', 'ANCHOR'],
            hosting: 'SELF_HOSTED',
            endpoint: cluster.memberUrl('selfco'),
            processes: ['WELDING'],
          },
        },
        { token },
      ),
    );
    const approved = expectNoErrors(
      await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "selfco", roles: [PARTNER]) { status roles endpoint } }', {}, await leader()),
    );
    expect(approved['approveMember']).toEqual({ status: 'ACTIVE', roles: ['PARTNER'], endpoint: cluster.memberUrl('selfco') });
    const admin = await waitFor('admin@selfco signs in', () => cluster.token('admin@selfco').catch(() => null), 20_000);
    const lines = await waitFor(
      'selfco routed',
      async () => {
        const r = await gql(cluster.gatewayUrl, '{ lines(memberIds: ["selfco"]) { id } }', {}, { token: admin });
        return (r.data?.['lines'] as unknown[] | undefined)?.length ? r.data!['lines'] : null;
      },
      20_000,
    );
    expect(lines).toEqual([{ id: 'selfco-line-1' }]);
    expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ me { memberRoles } }', {}, { token: admin }))['me'].memberRoles).toEqual(['PARTNER']);
    // The old applicant token is worth nothing now.
    const stale = await gql(cluster.gatewayUrl, APPLICATION, {}, { token });
    expect(stale.status).toBe(403);
    expect(codes(stale)).toEqual(['ALREADY_A_MEMBER']);
  }, 60_000);

  it('quarantines an approved SELF_HOSTED applicant whose SDL does not match the standard, with the reason for the leader', async () => {
    rogue = await startIncompatibleMember();
    const token = await applicantToken('rogueco');
    expectNoErrors(await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'Rogue MES Co.', roles: ['PARTNER'], endpoint: rogue.url } }, { token }));
    expectNoErrors(await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "rogueco") { status } }', {}, await leader()));
    const quarantined = await waitFor(
      'rogueco quarantined',
      async () => {
        const r = await gql(cluster.gatewayUrl, '{ member(id: "rogueco") { status statusReason } }', {}, await leader());
        return r.data?.['member']?.status === 'QUARANTINED' ? r.data['member'] : null;
      },
      20_000,
    );
    expect(quarantined.statusReason).toMatch(/SDL does not match the member standard/);
  }, 60_000);
});

describe('from the terminal', () => {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const cliSource = join(repoRoot, 'clients', 'cli', 'src', 'main.ts');
  const configDir = mkdtempSync(join(tmpdir(), 'cg-join-cli-'));
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  /** The CLI from source, each party with its own config file (its own stored sign-in). */
  const cli = (party: string, args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', cliSource, ...args, '--endpoint', cluster.gatewayUrl],
        { cwd: repoRoot, env: { ...process.env, CLUSTERGRAPH_CONFIG: join(configDir, `${party}.json`), NO_COLOR: '1' }, timeout: 60_000 },
        (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('applies with `apply`, and the leader rejects with `members reject`; `application` shows the reason', async () => {
    expect((await cli('applicant', ['login', '--as', 'applicant@cliapp'])).code).toBe(0);
    const usage = await cli('applicant', ['apply', '--name', 'CLI Applicant Co.']);
    expect(usage.code).toBe(2);
    const applied = await cli('applicant', ['apply', '--name', 'CLI Applicant Co.', '--process', 'painting,inspection', '--hosted']);
    expect(applied, applied.stderr).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain('cliapp (CLI Applicant Co.) is PENDING');
    expect((await cli('applicant', ['members', 'reject', 'cliapp', '--reason', 'self-service is not enough'])).code).toBe(1);

    expect((await cli('leader', ['login', '--as', 'admin@lead'])).code).toBe(0);
    const rejected = await cli('leader', ['members', 'reject', 'cliapp', '--reason', 'We need a paint shop with a clean room.']);
    expect(rejected, rejected.stderr).toMatchObject({ code: 0 });
    expect(rejected.stdout).toContain('cliapp is REJECTED');
    const status = await cli('applicant', ['application']);
    expect(status.stdout).toContain('cliapp (CLI Applicant Co.): REJECTED — We need a paint shop with a clean room.');
    // Approving a HOSTED application on a cluster without a member host says why, and exits 1.
    const approve = await cli('leader', ['members', 'approve', 'cliapp', '--role', 'PARTNER']);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/MEMBER_HOST_URL/);
  }, 120_000);
});
