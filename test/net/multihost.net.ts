// Firms on their own hosts (network namespaces), wide-area links in user space, two gateway
// replicas behind HAProxy (test/net/support/netCluster.ts): a link cut mid-query and
// mid-stream, a gateway replica killed under 500 subscribers, a member replica killed while
// another serves the same firm. Needs root: `pnpm test:net`.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, waitFor } from '../src/index.ts';
import { ResumingSubscriber } from './support/resumingSubscriber.ts';
import { HOST_PORTS } from './support/netCluster.ts';
import { lastSeq, MEMBER_TIMEOUT_MS, startTestNet, type TestNet } from './support/testNet.ts';

const OVERVIEW = `{ members { id name lines { id name status { state } } } }`;
let net: TestNet;
const wsUrl = () => net.cluster.gatewayUrl.replace(/^http/, 'ws');

beforeAll(async () => {
  net = await startTestNet();
}, 900_000);

afterAll(async () => {
  await net?.dispose();
}, 300_000);

interface OverviewAnswer {
  status: number;
  members: Array<{ id: string; lines: Array<{ id: string; status: { state: string } | null }> | null }>;
  unavailable: string[];
  elapsedMs: number;
}

async function overview(): Promise<OverviewAnswer> {
  const t0 = performance.now();
  const result = await gql(net.cluster.gatewayUrl, OVERVIEW, {}, { token: await net.token('admin@wan-lead'), purpose: 'MONITORING' });
  return {
    status: result.status,
    members: (result.data?.['members'] ?? []) as OverviewAnswer['members'],
    unavailable: (result.errors ?? []).filter((e) => e.extensions?.['code'] === 'MEMBER_UNAVAILABLE').map((e) => String(e.extensions?.['memberId'])),
    elapsedMs: performance.now() - t0,
  };
}

/** Until every member answers its part again (after a heal: the circuit's probe, the gateway's reconnect). */
async function allAnswering(): Promise<void> {
  await waitFor('every member answering through the gateway', async () => (await overview()).unavailable.length === 0, 60_000, 500);
}

/** Each member's seqs arrived once each, in order, with none missing from first to last. */
function expectGapless(seqs: number[], from: number, to: number): void {
  expect(seqs.length, `seqs ${seqs.slice(0, 5).join(',')}…${seqs.slice(-5).join(',')}`).toBe(to - from + 1);
  seqs.forEach((seq, i) => expect(seq).toBe(from + i));
}

describe('the topology', () => {
  it('answers through HAProxy from every firm on its own host, and a sign-in on one replica is good on the other', async () => {
    await allAnswering();
    const answer = await overview();
    expect(answer.members.map((m) => m.id).sort()).toEqual(['wan-cast', 'wan-heat', 'wan-lead']);
    for (const member of answer.members) expect(member.lines?.length, member.id).toBeGreaterThan(0);
    // The demo sign-in works on the balanced address, and its token on each replica directly.
    const token = await net.token('planner@wan-lead');
    for (const gateway of net.cluster.gateways.values()) {
      const direct = await gql(`${gateway.origin}/graphql`, '{ members { id } }', {}, { token });
      expect(direct.errors, gateway.options.name).toBeUndefined();
      expect((direct.data?.['members'] as unknown[]).length).toBe(3);
    }
  });

  it("lets hosts reach each other only through the links: a gateway's host cannot reach a firm's host directly", async () => {
    const gatewayHost = net.cluster.network.host('gw-a');
    const firm = net.cluster.network.host('wan-cast');
    // Exit code 0: answered; 1: a non-200 answer; 2: no connection within 2 s. (Not spawnSync:
    // the links run in this process and must go on forwarding meanwhile.)
    const probe = (url: string) =>
      new Promise<number | null>((resolve) =>
        execFile(
          'ip',
          [
            'netns',
            'exec',
            gatewayHost.netns,
            process.execPath,
            '-e',
            `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(2))`,
          ],
          (error) => resolve(error ? ((error as { code?: number }).code ?? null) : 0),
        ),
      );
    expect(await probe(`http://${firm.linkAddress}:${HOST_PORTS.member}/health`)).toBe(0); // through wan-cast's link
    expect(await probe(`http://${firm.address}:${HOST_PORTS.member}/health`)).toBe(2); // around it: no route
  });
});

describe("a firm's link cut", () => {
  it('mid-query (connections reset): a partial answer with MEMBER_UNAVAILABLE for that firm, within the member timeout', async () => {
    await allAnswering();
    const link = net.cluster.links.get('wan-cast')!;
    const profile = link.profile;
    // A slow link, so that the request is still on its way when the cut comes.
    link.profile = { delayMs: 400 };
    try {
      const before = link.chunks;
      const pending = overview();
      await waitFor('the request on the link', async () => link.chunks > before, 10_000, 5);
      link.cutLink();
      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.unavailable).toEqual(['wan-cast']);
      expect(answer.elapsedMs).toBeLessThan(MEMBER_TIMEOUT_MS + 2000);
      const byId = new Map(answer.members.map((m) => [m.id, m]));
      expect(byId.get('wan-cast')?.lines).toBeNull();
      expect(byId.get('wan-lead')?.lines?.length).toBeGreaterThan(0);
      expect(byId.get('wan-heat')?.lines?.length).toBeGreaterThan(0);
    } finally {
      link.profile = profile;
      link.heal();
    }
    await allAnswering();
  });

  it('mid-query (the link goes silent, nothing reset): the same partial answer once the member timeout is up', async () => {
    await allAnswering();
    const link = net.cluster.links.get('wan-cast')!;
    link.silence();
    try {
      const answer = await overview();
      expect(answer.unavailable).toEqual(['wan-cast']);
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(MEMBER_TIMEOUT_MS - 100);
      expect(answer.elapsedMs).toBeLessThan(MEMBER_TIMEOUT_MS + 3000);
      expect(answer.members.find((m) => m.id === 'wan-heat')?.lines?.length).toBeGreaterThan(0);
    } finally {
      link.heal();
    }
    await allAnswering();
  });

  it('mid-stream: the other firms keep coming; after the heal the stream resumes from its cursor, nothing lost or twice', async () => {
    const castFrom = await lastSeq(net, 'wan-cast');
    const subscriber = new ResumingSubscriber(wsUrl(), await net.token('admin@wan-lead'), ['wan-cast', 'wan-heat'], {
      'wan-cast': castFrom,
      'wan-heat': await lastSeq(net, 'wan-heat'),
    });
    subscriber.start();
    const link = net.cluster.links.get('wan-cast')!;
    try {
      const first = await net.publish('wan-cast', 10, 'before-cut');
      await waitFor('the events before the cut', async () => subscriber.seqs('wan-cast').length >= first.length, 30_000, 50);
      link.cutLink();
      // Stored at the firm while its link is down; and another firm's events meanwhile.
      const during = await net.publish('wan-cast', 10, 'during-cut');
      const heatBefore = subscriber.seqs('wan-heat').length;
      const heat = await net.publish('wan-heat', 5, 'heat-during-cut');
      await waitFor('the other firm streaming during the cut', async () => subscriber.seqs('wan-heat').length >= heatBefore + heat.length, 30_000, 50);
      expect(subscriber.seqs('wan-cast').length).toBe(first.length);
      link.heal();
      const after = await net.publish('wan-cast', 10, 'after-heal');
      const total = first.length + during.length + after.length;
      await waitFor('every wan-cast event after the heal', async () => subscriber.seqs('wan-cast').length >= total, 60_000, 50);
      await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive now
      expectGapless(subscriber.seqs('wan-cast'), castFrom + 1, castFrom + total);
      const codes = subscriber.events.filter((e) => e.memberId === 'wan-cast').map((e) => e.reasonCode);
      expect(codes).toEqual([...first, ...during, ...after]);
      // The client's socket to the gateway never dropped: the gateway resumed its upstream itself.
      expect(subscriber.reconnects).toBe(0);
      expect(subscriber.errors).toEqual([]);
    } finally {
      link.heal();
      await subscriber.stop();
    }
  });
});

describe('replicas', () => {
  it('a member replica killed mid-stream while the other serves the same firm (one database, LISTEN/NOTIFY): no event lost', async () => {
    const [served, ingesting] = net.cluster.members.get('wan-heat')!;
    const from = await lastSeq(net, 'wan-heat');
    const subscriber = new ResumingSubscriber(wsUrl(), await net.token('admin@wan-lead'), ['wan-heat'], { 'wan-heat': from });
    subscriber.start();
    try {
      // 60 events at 20/s from the firm's machines to the replica that ingests; the replica
      // that serves the gateway hears of them by NOTIFY, and is killed a third of the way in.
      const publishing = net.publish('wan-heat', 60, 'replica', 20);
      await waitFor('a third of the events', async () => subscriber.seqs('wan-heat').length >= 20, 60_000, 20);
      await served!.kill();
      const codes = await publishing;
      await waitFor('every event, from the other replica', async () => subscriber.seqs('wan-heat').length >= codes.length, 60_000, 50);
      await new Promise((r) => setTimeout(r, 500));
      expectGapless(subscriber.seqs('wan-heat'), from + 1, from + codes.length);
      expect(subscriber.events.map((e) => e.reasonCode)).toEqual(codes);
      expect(subscriber.reconnects).toBe(0);
      // Queries to the firm go to the replica that is left.
      expect(ingesting!.running).toBe(true);
      await allAnswering();
    } finally {
      await subscriber.stop();
      await served!.start();
    }
  });

  it('a gateway replica killed with 500 subscribers on it: they reconnect through HAProxy to the other and resume, 0 events lost or twice', async () => {
    const { balancer, gateways } = net.cluster;
    const [victim, survivor] = [gateways.get('gw-a')!, gateways.get('gw-b')!];
    const token = await net.token('admin@wan-lead');
    const from = await lastSeq(net, 'wan-cast');
    // Every new socket to gw-a: gw-b takes none while drained.
    await balancer.command('set server gateways/gw-b state drain');
    const subscribers = Array.from({ length: 500 }, () => new ResumingSubscriber(wsUrl(), token, ['wan-cast'], { 'wan-cast': from }));
    try {
      for (const subscriber of subscribers) subscriber.start();
      await waitFor(
        '500 subscribers on gw-a',
        async () => {
          const res = await fetch(`${victim.origin}/debug/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
          const body = (await res.json()) as { subscribers?: number };
          return subscribers.every((s) => s.connectedAt.length >= 1) && body.subscribers === 500;
        },
        120_000,
        500,
      );
      await balancer.command('set server gateways/gw-b state ready');
      // 150 events at 25/s; gw-a is killed (SIGKILL: no close frames) once every subscriber has 30.
      const publishing = net.publish('wan-cast', 150, 'failover', 25);
      await waitFor('30 events at every subscriber', async () => subscribers.every((s) => s.seqs('wan-cast').length >= 30), 120_000, 50);
      const killedAt = Date.now();
      await victim.kill();
      const codes = await publishing;
      await waitFor('every event at every subscriber', async () => subscribers.every((s) => s.seqs('wan-cast').length >= codes.length), 180_000, 200).catch(
        async (error: Error) => {
          const behind = subscribers.filter((s) => s.seqs('wan-cast').length < codes.length);
          const sample = behind
            .slice(0, 3)
            .map((s) => ({ received: s.seqs('wan-cast').length, reconnects: s.reconnects, endings: s.endings.slice(-5), errors: s.errors.slice(-3) }));
          const debug = await fetch(`${survivor.origin}/debug/subscriptions`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
          console.log(`gw-b /debug/subscriptions: ${debug.slice(0, 6000)}`);
          throw new Error(`${error.message}: ${behind.length} of 500 behind; ${JSON.stringify(sample)}`, { cause: error });
        },
      );
      await new Promise((r) => setTimeout(r, 1000));
      let lost = 0;
      let duplicated = 0;
      for (const subscriber of subscribers) {
        const seqs = subscriber.seqs('wan-cast');
        duplicated += seqs.length - new Set(seqs).size;
        lost += codes.length - new Set(seqs).size;
        expectGapless(seqs, from + 1, from + codes.length);
        expect(subscriber.reconnects).toBeGreaterThanOrEqual(1);
      }
      // The gap: from the kill to a subscriber's socket open on the other replica, and to its next event.
      const backAt = (s: ResumingSubscriber) => s.connectedAt.find((t) => t > killedAt)!;
      const reconnected = subscribers.map((s) => backAt(s) - killedAt).sort((a, b) => a - b);
      // The first event through the other replica (events gw-a sent while dying do not count).
      const nextEvent = subscribers.map((s) => s.events.find((e) => e.at >= backAt(s))!.at - killedAt).sort((a, b) => a - b);
      const at = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
      console.log(
        `gateway failover, 500 subscribers: lost ${lost}, duplicated ${duplicated}; reconnected after ${at(reconnected, 0.5)} ms (median), ${at(reconnected, 1)} ms (last); ` +
          `next event after ${at(nextEvent, 0.5)} ms (median), ${at(nextEvent, 1)} ms (last)`,
      );
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      const res = await fetch(`${survivor.origin}/debug/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await res.json()) as { subscribers: number }).subscribers).toBe(500);
    } finally {
      await Promise.all(subscribers.map((s) => s.stop()));
      await balancer.command('set server gateways/gw-b state ready').catch(() => '');
      await victim.start();
    }
  });
});
