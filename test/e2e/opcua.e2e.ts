import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { freePort, type MemberSpec } from '@clustergraph/launcher';
import { SimulatedMachineServer, simulatedNodeIds } from '@clustergraph/member-subgraph/opcua/simulation';
import { expectNoErrors, gql, partnerDemoPolicies, startTestCluster, testMember, waitFor, withPolicies, type TestCluster } from '@clustergraph/test';

// Machines over OPC UA (issue 19): a real node-opcua server in this process simulates two
// die-casting cells of the partner "cast" (PackML state numbers, cumulative good/scrap
// counters); the member monitors them, and the leader follows them through the gateway's
// `lineStatusChanged`. The server is restarted mid-stream: nothing made while it was up is
// lost, nothing arrives twice. A mapping naming a line or a node that does not exist stops
// the member at start, with the entry in the message.

const WebSocket = createRequire(import.meta.url)('ws') as unknown;
const MACHINES = ['cast-line-1', 'cast-line-2'] as const;
/** PackML state numbers the simulated machines use, and what the "packml" preset makes of them. */
const PACKML = { IDLE: 4, SUSPENDED: 5, EXECUTE: 6, HELD: 11 } as const;
const EVENT = 'memberId seq eventId lineId state previousState reasonCode goodCount scrapCount at line { id name }';

interface LineEvent {
  memberId: string;
  seq: number;
  eventId: string;
  lineId: string;
  state: string;
  reasonCode: string | null;
  goodCount: number | null;
  scrapCount: number | null;
}

let dir: string;
let server: SimulatedMachineServer;
let cluster: TestCluster;
let client: Client;
const received: LineEvent[] = [];
const errors: unknown[] = [];

function mapping(lines: Array<{ lineId: string; machine: string }>) {
  return {
    lines: lines.map(({ lineId, machine }) => {
      const nodes = simulatedNodeIds(machine);
      return { lineId, state: { nodeId: nodes.state, values: 'packml' }, goodCount: { nodeId: nodes.goodCount }, scrapCount: { nodeId: nodes.scrapCount } };
    }),
  };
}

function castMember(id: string, mappingJson: unknown, extraEnv: Record<string, string> = {}): MemberSpec {
  const base = withPolicies(
    testMember(id, `${id} Casting Co.`, ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }),
    partnerDemoPolicies(),
  );
  const profile = base.seedProfile as { lines: Array<Record<string, unknown>> };
  const file = join(dir, `${id}-mapping.json`);
  writeFileSync(file, JSON.stringify(mappingJson));
  return {
    ...base,
    // A second cell beside the one testMember made (`<id>-line-1`).
    seedProfile: {
      ...profile,
      lines: [...profile.lines, { id: `${id}-line-2`, name: `${id} die casting cell 2`, processes: ['CASTING'], ratedUnitsPerHour: 20 }],
    },
    env: { OPCUA_ENDPOINT: server.endpointUrl, OPCUA_MAPPING_FILE: file, OPCUA_PUBLISHING_INTERVAL_MS: '100', OPCUA_START_TIMEOUT_MS: '60000', ...extraEnv },
  };
}

async function opcuaHealth(): Promise<Record<string, any>> {
  const health = (await (await fetch(new URL('/health', cluster.memberUrl('cast')))).json()) as { opcua: Record<string, any> };
  return health.opcua;
}

/** Events received for `lineId` from index `from` on. */
const eventsOf = (lineId: string, from = 0) => received.slice(from).filter((e) => e.lineId === lineId);
const sum = (events: LineEvent[], key: 'goodCount' | 'scrapCount') => events.reduce((total, e) => total + (e[key] ?? 0), 0);
const states = (events: LineEvent[]) =>
  events
    .filter((e, i, all) => i === 0 || e.state !== all[i - 1]!.state || e.reasonCode !== all[i - 1]!.reasonCode)
    .map((e) => `${e.state}${e.reasonCode ? `/${e.reasonCode}` : ''}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-opcua-e2e-'));
  server = new SimulatedMachineServer({ port: await freePort(), machines: [...MACHINES], pkiDir: join(dir, 'server-pki'), initialState: PACKML.IDLE });
  await server.start();
  const cast = castMember('cast', mapping(MACHINES.map((m) => ({ lineId: m, machine: m }))));
  cluster = await startTestCluster({
    members: [testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }), cast],
  });
  client = createClient({
    url: cluster.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await cluster.token('admin@lead')}` },
    retryAttempts: 0,
  });
  client.subscribe<{ lineStatusChanged: LineEvent }>(
    { query: `subscription { lineStatusChanged(memberIds: ["cast"], resumeFrom: [{ memberId: "cast", seq: 0 }]) { ${EVENT} } }` },
    {
      next: (payload) => {
        if (payload.errors) errors.push(...payload.errors);
        if (payload.data?.lineStatusChanged) received.push(payload.data.lineStatusChanged);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  // Both cells' first states (IDLE) came with the member's first subscription.
  await waitFor('the cells first states', async () => MACHINES.every((m) => eventsOf(m).length > 0), 60_000);
}, 240_000);

afterAll(async () => {
  await client?.dispose();
  await cluster?.dispose();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('machines over OPC UA', () => {
  it("delivers the machines' state changes and counts to the leader through the gateway", async () => {
    const from = received.length;
    server.setState('cast-line-1', PACKML.EXECUTE);
    server.count('cast-line-1', 5);
    server.setState('cast-line-2', PACKML.HELD);
    server.count('cast-line-1', 3, 1);
    await waitFor(
      'line 1 RUNNING with 8 good, line 2 DOWN',
      async () => sum(eventsOf('cast-line-1', from), 'goodCount') === 8 && eventsOf('cast-line-2', from).length > 0,
      30_000,
    );
    expect(errors).toEqual([]);
    expect(states(eventsOf('cast-line-1', from))).toEqual(['RUNNING']);
    expect(sum(eventsOf('cast-line-1', from), 'scrapCount')).toBe(1);
    expect(eventsOf('cast-line-2', from)).toEqual([
      expect.objectContaining({
        memberId: 'cast',
        state: 'DOWN',
        reasonCode: 'PACKML_HELD',
        previousState: 'IDLE',
        line: { id: 'cast-line-2', name: 'cast die casting cell 2' },
      }),
    ]);
    expect(received[0]!.eventId).toMatch(/^opcua:[0-9a-f]{40}$/);
  });

  it('loses nothing and duplicates nothing when the OPC UA server restarts mid-stream', async () => {
    const from = received.length;
    const sessionsBefore = (await opcuaHealth())['sessionsCreated'] as number;
    // While the server is up, then restarted right away (announced, as an operator's restart is).
    server.setState('cast-line-1', PACKML.HELD);
    server.setState('cast-line-2', PACKML.EXECUTE);
    server.count('cast-line-2', 4);
    await server.stop(1_000);
    // The machines run on while their OPC UA server is down: counts grow, a cell changes state.
    server.count('cast-line-2', 7, 1);
    server.setState('cast-line-1', PACKML.EXECUTE);
    await server.start();
    await waitFor('a new session on the restarted server', async () => ((await opcuaHealth())['sessionsCreated'] as number) > sessionsBefore, 60_000, 250);
    // And after the restart.
    server.setState('cast-line-2', PACKML.SUSPENDED);
    server.count('cast-line-1', 10, 2);
    await waitFor(
      'every change',
      async () => sum(eventsOf('cast-line-1', from), 'goodCount') === 10 && eventsOf('cast-line-2', from).some((e) => e.state === 'IDLE'),
      60_000,
    );
    expect(errors).toEqual([]);
    expect(states(eventsOf('cast-line-1', from))).toEqual(['DOWN/PACKML_HELD', 'RUNNING']);
    expect(states(eventsOf('cast-line-2', from))).toEqual(['RUNNING', 'IDLE/PACKML_SUSPENDED']);
    // Counted while the server was down too: cumulative counters lose nothing.
    expect([sum(eventsOf('cast-line-2', from), 'goodCount'), sum(eventsOf('cast-line-2', from), 'scrapCount')]).toEqual([11, 1]);
    expect(sum(eventsOf('cast-line-1', from), 'scrapCount')).toBe(2);
    // No duplicates, no gaps: the member's seqs run 1, 2, 3, … and every event id is stored once.
    expect(received.map((e) => e.seq)).toEqual(received.map((_, i) => i + 1));
    expect(new Set(received.map((e) => e.eventId)).size).toBe(received.length);
    const stored = expectNoErrors(
      await gql<{ lineEvents: Array<{ seq: number; eventId: string }> }>(
        cluster.gatewayUrl,
        '{ lineEvents(memberIds: ["cast"], limit: 1000) { seq eventId } }',
        {},
        { token: await cluster.token('admin@cast') },
      ),
    ).lineEvents;
    expect(stored.map((e) => e.eventId)).toEqual(received.map((e) => e.eventId));
    expect(await opcuaHealth()).toMatchObject({ connected: true, rejected: 0, failed: 0 });
  });

  it('refuses at start a mapping that names a line the member does not have, or a node the server does not have', async () => {
    const badLine = castMember('cast-bad-line', mapping([{ lineId: 'no-such-line', machine: 'cast-line-1' }]), { OPCUA_START_TIMEOUT_MS: '20000' });
    await expect(cluster.startMember(badLine)).rejects.toThrow(/exited during start-up/);
    const lineLog = readFileSync(join(cluster.rootDir, 'logs', 'member-cast-bad-line.log'), 'utf8');
    expect(lineLog).toContain('lines[0] (\\"no-such-line\\").lineId: this member has no line \\"no-such-line\\"');

    const badNode = castMember('cast-bad-node', mapping([{ lineId: 'cast-bad-node-line-1', machine: 'no-such-machine' }]), { OPCUA_START_TIMEOUT_MS: '20000' });
    await expect(cluster.startMember(badNode)).rejects.toThrow(/exited during start-up/);
    const nodeLog = readFileSync(join(cluster.rootDir, 'logs', 'member-cast-bad-node.log'), 'utf8');
    expect(nodeLog).toContain('lines[0] (\\"cast-bad-node-line-1\\").state.nodeId: the server has no node \\"ns=1;s=no-such-machine.State\\"');
  });
});
