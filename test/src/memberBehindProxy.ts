import { AnswerDroppingProxy } from './answerDroppingProxy.ts';
import { expectNoErrors, gql, waitFor } from './graphqlClient.ts';
import { testMember } from './fixtures.ts';
import type { TestCluster } from './testCluster.ts';

/**
 * Starts the partner `coat` and registers it at run time (as the leader's admin, then approves
 * it) with an AnswerDroppingProxy as its endpoint, so a test can lose a write's answer. Resolves
 * once admin@coat can sign in and the gateway routes coat through the proxy.
 */
export async function startMemberBehindProxy(cluster: TestCluster): Promise<{ proxy: AnswerDroppingProxy; coatAdmin: string }> {
  const spec = testMember(
    'coat',
    'Coat Partner Co.',
    ['PARTNER'],
    'Yangsan',
    { SURFACE_TREATMENT: { actual: 50, maximum: 70, price: 40_000 } },
    { registered: false },
  );
  const url = await cluster.database('coat');
  spec.env = url ? { DATABASE_URL: url } : {};
  await cluster.startMember(spec);
  const proxy = new AnswerDroppingProxy();
  const endpoint = await proxy.start(Number(new URL(cluster.memberUrl('coat')).port));
  const leader = await cluster.token('admin@lead');
  expectNoErrors(
    await gql(
      cluster.gatewayUrl,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      {
        input: { id: 'coat', name: 'Coat Partner Co.', roles: ['PARTNER'], region: 'Yangsan', endpoint },
      },
      { token: leader },
    ),
  );
  expectNoErrors(await gql(cluster.gatewayUrl, `mutation { approveMember(id: "coat") { status } }`, {}, { token: leader }));
  // Sign-in knows the firm once the gateway's routing table has it (refreshed every second).
  const coatAdmin = await waitFor('admin@coat can sign in', () => cluster.token('admin@coat').catch(() => null), 20_000);
  await waitFor(
    'coat routed through the proxy',
    async () => {
      const r = await gql(cluster.gatewayUrl, '{ member(id: "coat") { sharingPolicies { id } } }', {}, { token: coatAdmin });
      return r.data?.['member']?.sharingPolicies ? true : null;
    },
    20_000,
  );
  return { proxy, coatAdmin };
}
