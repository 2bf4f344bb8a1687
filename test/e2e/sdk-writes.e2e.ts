import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterGraphClient, GrantSharingDocument, type WriteRetryReport } from '@clustergraph/sdk';
import { expectNoErrors, gql, startMemberBehindProxy, startTestCluster, type AnswerDroppingProxy, type TestCluster } from '../src/index.ts';

// Issue 13 from the SDK's side, against a whole cluster: a member behind a real TCP proxy that
// lets a write through and drops the member's answer. The gateway says WRITE_OUTCOME_UNKNOWN; the
// SDK sends the same write again with the same Idempotency-Key, the member answers from its
// record, and the policy exists once.
describe('SDK writes through the gateway: the same key on retry (issue 13)', () => {
  let cluster: TestCluster;
  let proxy: AnswerDroppingProxy;
  let coatAdmin = '';
  const POLICIES = '{ member(id: "coat") { sharingPolicies { id category grantee purpose } } }';

  beforeAll(async () => {
    cluster = await startTestCluster();
    // The member registered at run time with the proxy as its endpoint.
    ({ proxy, coatAdmin } = await startMemberBehindProxy(cluster));
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await cluster?.dispose();
  });

  it('retries a write whose answer was lost with the same key, and it is written once', async () => {
    const policies = async () =>
      (
        expectNoErrors(await gql(cluster.gatewayUrl, POLICIES, {}, { token: coatAdmin }))['member'].sharingPolicies as Array<{
          id: string;
          category: string;
          grantee: string;
        }>
      ).filter((p) => p.category === 'QUALITY' && p.grantee === 'heat');
    expect(await policies()).toEqual([]);
    const reports: WriteRetryReport[] = [];
    const client = createClusterGraphClient({ endpoint: cluster.gatewayUrl, token: coatAdmin, onWriteRetried: (r) => reports.push(r) });
    proxy.keys.length = 0;
    proxy.dropAnswerTo('grantSharing');
    const { grantSharing } = await client.request(GrantSharingDocument, {
      memberId: 'coat',
      input: { category: 'QUALITY', grantee: 'heat', purpose: 'JOINT_PLANNING' },
    });
    expect(proxy.dropped).toBe(1);
    // The member saw the write twice, with one key: the SDK's, kept for the retry.
    expect(proxy.keys).toHaveLength(2);
    expect(proxy.keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(proxy.keys[1]).toBe(proxy.keys[0]);
    expect(reports).toEqual([{ idempotencyKey: proxy.keys[0], attempts: 2, outcomeUnknown: false }]);
    // Written once, and the retry's answer is the first write's policy.
    expect((await policies()).map((p) => p.id)).toEqual([grantSharing.id]);

    // The next write is another write: a new key.
    await client.request(GrantSharingDocument, { memberId: 'coat', input: { category: 'QUALITY', grantee: 'cast', purpose: 'JOINT_PLANNING' } });
    expect(proxy.keys).toHaveLength(3);
    expect(proxy.keys[2]).not.toBe(proxy.keys[0]);
  });

  it('after the tries run out says the outcome is unknown and safe to retry', async () => {
    const client = createClusterGraphClient({ endpoint: cluster.gatewayUrl, token: coatAdmin, writeRetry: { attempts: 2, backoffMs: 50 } });
    proxy.keys.length = 0;
    proxy.dropAnswerTo('grantSharing');
    // Dropping only the first answer, with one try left: arm again as the first try goes out.
    const before = proxy.dropped;
    const rearm = setInterval(() => {
      if (proxy.dropped === before + 1) {
        proxy.dropAnswerTo('grantSharing');
        clearInterval(rearm);
      }
    }, 5);
    await expect(
      client.request(GrantSharingDocument, { memberId: 'coat', input: { category: 'LINE_STATUS', grantee: 'heat', purpose: 'MONITORING' } }),
    ).rejects.toThrow('coat: the outcome of this write is unknown; it is safe to retry');
    clearInterval(rearm);
    expect(proxy.keys).toHaveLength(2);
    expect(proxy.keys[1]).toBe(proxy.keys[0]);
  });
});
