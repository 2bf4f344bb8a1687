import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { freePort } from '@clustergraph/launcher';
import { demoToken, gql, partnerDemoPolicies, testMember, withPolicies } from '../../src/index.ts';
import { startBroker } from './broker.ts';
import { startNetCluster, type NetCluster, type NetMemberSpec } from './netCluster.ts';
import { wanLink } from './wan.ts';

export const MEMBER_TIMEOUT_MS = 3000;

/**
 * The multi-host tests' cluster: the leader `wan-lead` (Busan), `wan-cast` (Gimhae, MQTT), and
 * `wan-heat` (Busan) as two member replicas on one database, the first serving the gateway,
 * the second ingesting from MQTT (a broker of the test's own). Rate limits are off: 500 subscribers of one
 * test user come through HAProxy, one address (README "Firms on their own hosts").
 */
export function testNetMembers(): NetMemberSpec[] {
  return [
    { ...testMember('wan-lead', 'WAN Lead Assembly', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }), link: wanLink('Busan') },
    {
      ...withPolicies(
        testMember('wan-cast', 'WAN Cast Partner', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }),
        partnerDemoPolicies(),
      ),
      link: wanLink('Gimhae'),
      mqtt: true,
    },
    {
      ...withPolicies(
        testMember('wan-heat', 'WAN Heat Partner', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 100, maximum: 140, price: 50_000 } }),
        partnerDemoPolicies(),
      ),
      link: wanLink('Busan'),
      replicas: 2,
      mqtt: [1],
    },
  ];
}

export interface TestNet {
  cluster: NetCluster;
  dir: string;
  token(login: string): Promise<string>;
  /** Publishes line events as the firm's machines do (MQTT on the firm's LAN); resolves their reason codes. */
  publish(memberId: string, count: number, tag: string, perSecond?: number): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function startTestNet(): Promise<TestNet> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-net-'));
  const mqttBroker = await startBroker();
  let cluster: NetCluster;
  try {
    cluster = await startNetCluster({
      mqttBroker,
      prefix: `cgt${randomBytes(2).toString('hex')}`,
      octet: 100 + Math.floor(Math.random() * 100),
      dir,
      cluster: { id: 'wan-cluster', name: 'WAN Test Cluster', region: 'Busan', industry: 'EV parts', leaderId: 'wan-lead' },
      members: testNetMembers(),
      balancerPort: await freePort(),
      logLevel: process.env['CG_TEST_LOG_LEVEL'] ?? 'info',
      gatewayEnv: {
        ROUTING_REFRESH_MS: '1000',
        MEMBER_TIMEOUT_MS: String(MEMBER_TIMEOUT_MS),
        EXPOSE_ERRORS: 'true',
        RATE_LIMIT_USER_PER_SECOND: '0',
        RATE_LIMIT_FIRM_PER_SECOND: '0',
        RATE_LIMIT_ADDRESS_PER_SECOND: '0',
        MAX_UPSTREAMS_PER_READER: '1000',
      },
      startTimeoutMs: 300_000,
    });
  } catch (error) {
    mqttBroker.stop();
    throw error;
  }
  const broker = await mqtt.connectAsync(mqttBroker.url, { clientId: `cg-net-${process.pid}-${randomBytes(3).toString('hex')}` });
  const tokens = new Map<string, string>();
  return {
    cluster,
    dir,
    async token(login) {
      let token = tokens.get(login);
      if (!token) {
        token = await demoToken(cluster.gatewayOrigin, login);
        tokens.set(login, token);
      }
      return token;
    },
    async publish(memberId, count, tag, perSecond = 0) {
      const codes: string[] = [];
      for (let i = 0; i < count; i++) {
        const reasonCode = `${tag}-${i}`;
        codes.push(reasonCode);
        await broker.publishAsync(
          `clustergraph/${memberId}/lines/${memberId}-line-1/events`,
          JSON.stringify({ eventId: randomUUID(), state: i % 2 ? 'RUNNING' : 'IDLE', reasonCode }),
          { qos: 1 },
        );
        if (perSecond > 0) await new Promise((r) => setTimeout(r, 1000 / perSecond));
      }
      return codes;
    },
    async dispose() {
      await broker.endAsync();
      await cluster.stop();
      mqttBroker.stop();
      if (!process.env['CG_KEEP_TEST_DIRS']) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The firm's last stored seq (0 when none), read by its own admin. */
export async function lastSeq(net: TestNet, memberId: string): Promise<number> {
  const result = await gql<{ lines: Array<{ recentEvents: Array<{ seq: number }> }> }>(
    net.cluster.gatewayUrl,
    `query($m: [ID!]) { lines(memberIds: $m) { recentEvents(limit: 1) { seq } } }`,
    { m: [memberId] },
    { token: await net.token(`admin@${memberId}`) },
  );
  return Math.max(0, ...(result.data?.lines ?? []).flatMap((l) => l.recentEvents.map((e) => e.seq)));
}
