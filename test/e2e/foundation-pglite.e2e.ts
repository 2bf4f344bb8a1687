import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, gql, expectNoErrors, mondayFromNow, type TestCluster } from '../src/index.ts';

// The same cluster on embedded PGlite (what `pnpm start` uses): queries across members,
// a write, and data that survives a member restart.
describe('federated cluster graph on PGlite', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ driver: 'pglite' });
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('serves every member from its own PGlite database', async () => {
    expect(cluster.driver).toBe('pglite');
    // Lines and capabilities are shared with cluster members (not anonymous visitors).
    const data = expectNoErrors(
      await gql(cluster.gatewayUrl, '{ members { id lines { id memberId } capabilities { process } } }', {}, { token: await cluster.token('planner@heat') }),
    );
    for (const member of data['members']) {
      expect(member.lines.length).toBeGreaterThan(0);
      expect(member.capabilities.length).toBeGreaterThan(0);
      for (const line of member.lines) expect(line.memberId).toBe(member.id);
    }
  });

  it('keeps a member’s writes across a restart', async () => {
    const token = await cluster.token('admin@lead');
    const week = mondayFromNow(2);
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `mutation($w: Date!) { setCapacity(memberId: "lead", input: [{ process: ASSEMBLY, weekStart: $w, actualHours: 33, maximumHours: 44 }]) { actualHours } }`,
        { w: week },
        { token },
      ),
    );
    const lead = cluster.members.get('lead')!;
    await lead.stop();
    await lead.start();
    const after = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($w: Date!) { member(id: "lead") { capacity(from: $w, to: $w) { actualHours maximumHours } } }`,
        { w: week },
        { token },
      ),
    );
    expect(after['member'].capacity).toEqual([{ actualHours: 33, maximumHours: 44 }]);
  });
});
