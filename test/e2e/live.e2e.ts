import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt from 'mqtt';
import { ServiceProcess, freePort, serviceNodeFlags } from '@clustergraph/launcher';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { expectNoErrors, gql, startTestCluster, testMemberSpecs, waitFor, type TestCluster } from '@clustergraph/test';

// Live line status through the gateway: events reported with the mutation and published on
// the machine's Mosquitto reach graphql-ws subscribers of the gateway, federated (member and
// cluster fields), filtered, resumable, surviving a member restart, and shared upstream.

// The test package has no @types/ws; graphql-ws only needs a WebSocket constructor.
const WebSocket = createRequire(import.meta.url)('ws') as unknown;
const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const EVENT = 'memberId seq eventId state previousState at reasonCode line { id name } member { id name roles }';

let cluster: TestCluster;
// Replicas share one PostgreSQL database (PGlite is one process's only).
const postgresUp = await postgresReachable();
let broker: mqtt.MqttClient;
const clients: Client[] = [];

interface LineEvent {
  memberId: string;
  seq: number;
  eventId: string;
  state: string;
  reasonCode: string | null;
  line: { id: string; name: string };
  member: { id: string; name: string; roles: string[] };
}

interface Watch {
  events: LineEvent[];
  errors: unknown[];
  until(count: number, timeoutMs?: number): Promise<LineEvent[]>;
  stop(): void;
}

async function live(login: string): Promise<Client> {
  const token = await cluster.token(login);
  const client = createClient({
    url: cluster.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(client);
  return client;
}

function watch(client: Client, query: string, variables: Record<string, unknown> = {}): Watch {
  const events: LineEvent[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<{ lineStatusChanged: LineEvent }>(
    { query, variables },
    {
      next: (payload) => {
        if (payload.errors) errors.push(...payload.errors);
        if (payload.data?.lineStatusChanged) events.push(payload.data.lineStatusChanged);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    stop,
    until: (count, timeoutMs = 20_000) =>
      waitFor(`${count} events (have ${events.length}, errors ${JSON.stringify(errors)})`, async () => events.length >= count && events, timeoutMs, 50),
  };
}

async function report(login: string, events: Array<{ lineId: string; state: string; reasonCode?: string }>, memberId?: string) {
  const result = await gql<{ reportLineEvents: { accepted: number; events: Array<{ seq: number }> } }>(
    cluster.gatewayUrl,
    `mutation($memberId: ID, $events: [LineEventInput!]!) { reportLineEvents(memberId: $memberId, events: $events) { accepted duplicates events { seq } } }`,
    { ...(memberId ? { memberId } : {}), events: events.map((e) => ({ eventId: randomUUID(), ...e })) },
    { token: await cluster.token(login) },
  );
  return expectNoErrors(result).reportLineEvents;
}

async function upstreams(): Promise<{ upstreams: number; upstreamsByMember: Record<string, number>; subscribers: number }> {
  // /debug/subscriptions is for the cluster's admin (an admin of the leader firm).
  const res = await fetch(`${cluster.gatewayOrigin}/debug/subscriptions`, { headers: { authorization: `Bearer ${await cluster.token('admin@lead')}` } });
  return (await res.json()) as never;
}

/** The gateway holds an open upstream to each of these members (and the member acknowledged it). */
async function subscribedTo(memberIds: string[], atLeast = 1) {
  await waitFor(`upstreams to ${memberIds.join(', ')}`, async () => {
    const { upstreamsByMember } = await upstreams();
    return memberIds.every((id) => (upstreamsByMember[id] ?? 0) >= atLeast);
  });
  await new Promise((r) => setTimeout(r, 300)); // the member's subscribe handshake
}

interface SourceCounters {
  received: number;
  rejected: number;
  duplicates: number;
  stored: number;
}

/** A member process's ingest counters from its /health (`lineEvents.sources`). */
async function ingestCounters(memberGraphqlUrl: string): Promise<Record<'mqtt' | 'mutation', SourceCounters>> {
  const health = (await (await fetch(new URL('/health', memberGraphqlUrl))).json()) as { lineEvents: { sources: Record<'mqtt' | 'mutation', SourceCounters> } };
  return health.lineEvents.sources;
}

beforeAll(async () => {
  cluster = await startTestCluster({ members: testMemberSpecs().map((m) => ({ ...m, env: { ...m.env, MQTT_URL } })) });
  broker = await mqtt.connectAsync(MQTT_URL, { clientId: `cg-e2e-live-${process.pid}` });
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});

afterAll(async () => {
  await broker?.endAsync();
  await cluster?.dispose();
});

describe('the processes that carry live status', () => {
  // V8's memory reducer compacted every co-started service's heap in the same half second
  // ~100 s after start (README: "The stall every ~100 s"); the flag only works on the command line.
  it("run with the launcher's V8 flags: the gateway, the cluster subgraph and every member", () => {
    const processes: Array<[string, number | undefined]> = [
      ['@clustergraph/gateway', cluster.gateway.pid],
      ['@clustergraph/cluster-subgraph', cluster.cluster.pid],
      ...[...cluster.members.values()].map((m): [string, number | undefined] => ['@clustergraph/member-subgraph', m.pid]),
    ];
    expect(processes.length).toBeGreaterThan(3);
    for (const [packageName, pid] of processes) {
      const flags = serviceNodeFlags(packageName);
      expect(flags).toContain('--no-memory-reducer');
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(argv.slice(1, 1 + flags.length)).toEqual([...flags]);
    }
  });
});

describe('live line status through the gateway', () => {
  it('delivers events from the mutation and from MQTT with fields of both subgraphs', async () => {
    const client = await live('admin@lead');
    const all = watch(client, `subscription { lineStatusChanged { ${EVENT} } }`);
    await subscribedTo(['lead', 'cast', 'heat']);

    // The mutation without memberId acts on the viewer's own firm.
    await report('planner@cast', [{ lineId: 'cast-line-1', state: 'DOWN', reasonCode: 'MOLD_JAM' }]);
    broker.publish('clustergraph/heat/lines/heat-line-1/events', JSON.stringify({ eventId: randomUUID(), state: 'CHANGEOVER', reasonCode: 'SKU_B' }), {
      qos: 1,
    });
    const events = await all.until(2);
    const byMember = new Map(events.map((e) => [e.memberId, e]));
    expect(byMember.get('cast')).toMatchObject({
      state: 'DOWN',
      reasonCode: 'MOLD_JAM',
      line: { id: 'cast-line-1', name: 'Cast Partner Co. CASTING line' },
      member: { id: 'cast', name: 'Cast Partner Co.', roles: ['PARTNER'] },
    });
    expect(byMember.get('heat')).toMatchObject({ state: 'CHANGEOVER', line: { id: 'heat-line-1' }, member: { name: 'Heat Partner Co.' } });
    expect(all.errors).toEqual([]);
  });

  it('filters by member, line and state', async () => {
    const client = await live('admin@lead');
    const narrowed = watch(client, `subscription($m: [ID!], $l: [ID!]) { lineStatusChanged(memberIds: $m, lineIds: $l, states: [DOWN]) { ${EVENT} } }`, {
      m: ['cast'],
      l: ['cast-line-1'],
    });
    await subscribedTo(['cast']);
    expect((await upstreams()).upstreamsByMember['heat'] ?? 0).toBe(0);
    await report('admin@heat', [{ lineId: 'heat-line-1', state: 'DOWN' }]);
    await report('admin@cast', [
      { lineId: 'cast-line-1', state: 'RUNNING' },
      { lineId: 'cast-line-1', state: 'DOWN', reasonCode: 'FILTER_HIT' },
    ]);
    const [hit] = await narrowed.until(1);
    expect(hit).toMatchObject({ memberId: 'cast', state: 'DOWN', reasonCode: 'FILTER_HIT' });
    await new Promise((r) => setTimeout(r, 500));
    expect(narrowed.events).toHaveLength(1);
  });

  it('resumes after a client reconnect with no gap and no duplicate', async () => {
    const first = await live('admin@lead');
    const before = watch(first, `subscription { lineStatusChanged(memberIds: ["lead"]) { ${EVENT} } }`);
    await subscribedTo(['lead']);
    await report('admin@lead', [
      { lineId: 'lead-line-1', state: 'RUNNING' },
      { lineId: 'lead-line-1', state: 'IDLE' },
    ]);
    const seen = await before.until(2);
    const last = seen.at(-1)!.seq;
    await first.dispose();

    // Reported while the client was away.
    const missed = await report('admin@lead', [
      { lineId: 'lead-line-1', state: 'DOWN' },
      { lineId: 'lead-line-1', state: 'MAINTENANCE' },
    ]);
    const again = await live('admin@lead');
    const after = watch(again, `subscription($from: [MemberCursor!]) { lineStatusChanged(memberIds: ["lead"], resumeFrom: $from) { ${EVENT} } }`, {
      from: [{ memberId: 'lead', seq: last }],
    });
    await after.until(2);
    await report('admin@lead', [{ lineId: 'lead-line-1', state: 'RUNNING' }]);
    const resumed = await after.until(3);
    expect(resumed.map((e) => e.seq)).toEqual([last + 1, last + 2, last + 3]);
    expect(missed.events.map((e) => e.seq)).toEqual([last + 1, last + 2]);
  });

  it('keeps a stream whole across a member process killed and restarted', async () => {
    const client = await live('admin@lead');
    const all = watch(client, `subscription { lineStatusChanged { ${EVENT} } }`);
    await subscribedTo(['lead', 'cast', 'heat']);
    await report('admin@heat', [{ lineId: 'heat-line-1', state: 'RUNNING' }]);
    await all.until(1);

    const heat = cluster.members.get('heat')!;
    await heat.kill();
    await report('admin@cast', [{ lineId: 'cast-line-1', state: 'IDLE' }]);
    await all.until(2); // the others flow on, error-free, meanwhile
    // Published while heat is down: the broker keeps it for heat's session (QoS 1) or it is lost at the
    // source — either way the gateway must not lose what heat commits once it is back.
    await heat.start();
    await report('admin@heat', [
      { lineId: 'heat-line-1', state: 'DOWN', reasonCode: 'AFTER_RESTART' },
      { lineId: 'heat-line-1', state: 'IDLE' },
    ]);
    await waitFor('heat events after the restart', async () => all.events.filter((e) => e.memberId === 'heat').length >= 3, 30_000, 100);
    await new Promise((r) => setTimeout(r, 500));

    const heatSeqs = all.events.filter((e) => e.memberId === 'heat').map((e) => e.seq);
    expect(heatSeqs).toEqual([...heatSeqs].sort((a, b) => a - b));
    expect(new Set(heatSeqs).size).toBe(heatSeqs.length);
    for (let i = 1; i < heatSeqs.length; i++) expect(heatSeqs[i]).toBe(heatSeqs[i - 1]! + 1);
    expect(all.errors).toEqual([]);
  }, 90_000);

  it('shares one upstream per member among 3 identical subscribers', async () => {
    await waitFor('the previous tests’ upstreams closed', async () => (await upstreams()).upstreams === 0);
    const three = await Promise.all([live('admin@lead'), live('admin@lead'), live('admin@lead')]);
    const watches = three.map((c) => watch(c, `subscription { lineStatusChanged(memberIds: ["cast"]) { ${EVENT} } }`));
    await waitFor('3 subscribers', async () => (await upstreams()).subscribers === 3);
    await subscribedTo(['cast']);
    expect(await upstreams()).toMatchObject({ upstreams: 1, upstreamsByMember: { cast: 1 }, subscribers: 3 });
    await report('admin@cast', [{ lineId: 'cast-line-1', state: 'RUNNING', reasonCode: 'SHARED' }]);
    for (const w of watches) expect((await w.until(1))[0]).toMatchObject({ memberId: 'cast', reasonCode: 'SHARED' });
    for (const c of three) await c.dispose();
    await waitFor('upstream closed with the last subscriber', async () => (await upstreams()).upstreams === 0);
  });

  it('refuses malformed MQTT payloads at the member, stores none, and the stream through the gateway goes on', async () => {
    const client = await live('admin@lead');
    const castOnly = watch(client, `subscription { lineStatusChanged(memberIds: ["cast"]) { ${EVENT} } }`);
    await subscribedTo(['cast']);
    const before = await ingestCounters(cluster.memberUrl('cast'));
    const topic = 'clustergraph/cast/lines/cast-line-1/events';
    broker.publish(topic, '{"eventId": "half', { qos: 1 });
    broker.publish(topic, JSON.stringify({ eventId: randomUUID(), state: 'EXPLODED' }), { qos: 1 });
    broker.publish(topic, JSON.stringify({ eventId: randomUUID(), state: 'IDLE', reasonCode: 'AFTER_GARBAGE' }), { qos: 1 });
    const [event] = await castOnly.until(1);
    expect(event).toMatchObject({ memberId: 'cast', state: 'IDLE', reasonCode: 'AFTER_GARBAGE' });
    const after = await ingestCounters(cluster.memberUrl('cast'));
    expect(after.mqtt.rejected - before.mqtt.rejected).toBe(2);
    expect(after.mqtt.stored - before.mqtt.stored).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(castOnly.events).toHaveLength(1);
    expect(castOnly.errors).toEqual([]);
  });

  it.skipIf(!postgresUp)(
    'delivers through the gateway every event two replicas of one member store on one database',
    async () => {
      const cast = cluster.members.get('cast')!;
      // Both processes take a share of the line topic (MQTT shared subscription); each stores
      // what it receives; the gateway's upstream is on the registered process only.
      await cast.stop();
      Object.assign(cast.options.env, { MQTT_CLIENT_ID: 'cg-e2e-cast-a', MQTT_SHARE_GROUP: 'cast-replicas' });
      await cast.start();
      const port = await freePort();
      const replica = new ServiceProcess({
        ...cast.options,
        name: 'member cast (replica)',
        env: { ...cast.options.env, PORT: String(port), MQTT_CLIENT_ID: 'cg-e2e-cast-b' },
        healthUrl: `http://127.0.0.1:${port}/health`,
        logFile: cast.options.logFile.replace(/\.log$/, '-replica.log'),
      });
      await replica.start();
      try {
        const client = await live('admin@lead');
        const castOnly = watch(client, `subscription { lineStatusChanged(memberIds: ["cast"]) { ${EVENT} } }`);
        await subscribedTo(['cast']);
        const replicaUrl = `http://127.0.0.1:${port}/graphql`;
        const before = await Promise.all([ingestCounters(cluster.memberUrl('cast')), ingestCounters(replicaUrl)]);
        const count = 40;
        for (let i = 0; i < count; i++) {
          broker.publish(
            'clustergraph/cast/lines/cast-line-1/events',
            JSON.stringify({ eventId: randomUUID(), state: i % 2 ? 'RUNNING' : 'IDLE', reasonCode: `R${i}` }),
            { qos: 1 },
          );
        }
        const events = await castOnly.until(count, 30_000);
        const after = await Promise.all([ingestCounters(cluster.memberUrl('cast')), ingestCounters(replicaUrl)]);
        const storedBy = after.map((a, i) => a.mqtt.stored - before[i]!.mqtt.stored);
        expect(storedBy[0]! + storedBy[1]!).toBe(count);
        expect(storedBy[1]).toBeGreaterThan(0); // the replica wrote some of what the gateway delivered
        const seqs = events.map((e) => e.seq);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
        expect(new Set(events.map((e) => e.reasonCode))).toEqual(new Set(Array.from({ length: count }, (_, i) => `R${i}`)));
        expect(castOnly.errors).toEqual([]);
      } finally {
        await replica.stop();
      }
    },
    120_000,
  );
});
