import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, waitFor, type TestCluster } from '@clustergraph/test';

// Issue 18, the hosted path end to end against the real member host: a firm without a server
// applies HOSTED, the leader approves, the registry provisions it on the host, the gateway routes
// it, its admin sets up a line and capacity, and the leader reads them. A host that fails leaves
// the application PENDING with the reason.

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster({ memberHost: {} });
}, 180_000);

afterAll(async () => {
  await cluster?.dispose();
});

const REGISTER = 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id status hosting endpoint } }';

async function applicantToken(id: string): Promise<string> {
  const res = await fetch(`${cluster.gatewayOrigin}/auth/demo-token?user=applicant@${id}`);
  const body = (await res.json()) as { token?: string; error?: string };
  if (!body.token) throw new Error(`no applicant token for ${id}: ${body.error}`);
  return body.token;
}

const leader = async () => ({ token: await cluster.token('admin@lead') });

describe('a hosted firm joins', () => {
  it('is provisioned on the member host at approval, routed, set up by its admin and read by the leader', async () => {
    const token = await applicantToken('hostco');
    const applied = expectNoErrors(
      await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'Host Co.', roles: ['PARTNER'], hosting: 'HOSTED', processes: ['PRESSING'] } }, { token }),
    );
    expect(applied['registerMember']).toEqual({ id: 'hostco', status: 'PENDING', hosting: 'HOSTED', endpoint: null });

    const approved = expectNoErrors(
      await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "hostco", roles: [PARTNER]) { status roles endpoint } }', {}, await leader()),
    );
    expect(approved['approveMember']).toEqual({ status: 'ACTIVE', roles: ['PARTNER'], endpoint: `${cluster.memberHostUrl}/firms/hostco/graphql` });
    const admin = await waitFor('admin@hostco signs in', () => cluster.token('admin@hostco').catch(() => null), 20_000);
    const lines = await waitFor(
      'hostco routed, empty',
      async () => {
        const r = await gql(cluster.gatewayUrl, '{ lines(memberIds: ["hostco"]) { id } }', {}, { token: admin });
        return !r.errors && Array.isArray(r.data?.['lines']) ? r.data!['lines'] : null;
      },
      30_000,
    );
    expect(lines).toEqual([]);

    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        'mutation { upsertLine(memberId: "hostco", input: { id: "press-1", name: "Servo press 1", processes: [PRESSING], ratedUnitsPerHour: 30 }) { id } }',
        {},
        { token: admin },
      ),
    );
    const week = mondayFromNow(1);
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        'mutation($input: [CapacityInput!]!) { setCapacity(memberId: "hostco", input: $input) { weekStart } }',
        { input: [{ process: 'PRESSING', weekStart: week, actualHours: 48, maximumHours: 60, pricePerHour: 55_000 }] },
        { token: admin },
      ),
    );
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        'mutation { grantSharing(memberId: "hostco", input: { category: CAPACITY, grantee: "LEADER", purpose: JOINT_PLANNING }) { id } }',
        {},
        { token: admin },
      ),
    );

    const seen = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `{ member(id: "hostco") { lines { id name } capacity(from: "${week}", to: "${week}") { process actualHours maximumHours } } }`,
        {},
        { ...(await leader()), purpose: 'JOINT_PLANNING' },
      ),
    )['member'];
    expect(seen).toEqual({ lines: [{ id: 'press-1', name: 'Servo press 1' }], capacity: [{ process: 'PRESSING', actualHours: 48, maximumHours: 60 }] });
  }, 120_000);

  it('leaves the application PENDING with PROVISIONING_FAILED and the reason when the member host is down', async () => {
    const token = await applicantToken('downco');
    expectNoErrors(await gql(cluster.gatewayUrl, REGISTER, { input: { name: 'Down Co.', roles: ['PARTNER'], hosting: 'HOSTED' } }, { token }));
    await cluster.memberHost!.stop();
    const refused = await gql(cluster.gatewayUrl, 'mutation { approveMember(id: "downco") { status } }', {}, await leader());
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PROVISIONING_FAILED', field: 'id', memberId: 'downco' });
    expect(refused.errors?.[0]?.message).toMatch(/unreachable|did not answer/);
    const application = expectNoErrors(await gql(cluster.gatewayUrl, '{ me { member { status statusReason endpoint } } }', {}, { token }))['me'].member;
    expect(application).toMatchObject({ status: 'PENDING', endpoint: null });
    expect(application.statusReason).toMatch(/approval failed/);
  }, 60_000);
});
