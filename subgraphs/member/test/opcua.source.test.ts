import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { SimulatedMachineServer, simulatedNodeIds } from '../src/opcua/simulation/machineServer.ts';
import { LINE_STATUS_CHANGED, startLiveMember, type LiveMember } from './events.support.ts';
import { dataOf } from './harness.ts';

// The member's OPC UA source against a real node-opcua server in this process: states and
// counters stored and published, a counter reset, an unchanged state after a member restart
// not stored again, and the start refused (naming the entry) for a line or a node that does
// not exist, and for a user the server does not accept.

const MACHINES = ['press-1', 'press-2'];
const MACHINERY = { NOT_AVAILABLE: 0, OUT_OF_SERVICE: 1, NOT_EXECUTING: 2, EXECUTING: 3 } as const;
const USER = { userName: 'line-reader', password: 'correct horse battery staple' };

let dir: string;
let server: SimulatedMachineServer;

function mappingFile(name: string, lines: Array<{ lineId: string; machine: string; counters?: boolean }>): string {
  const file = join(dir, `${name}.json`);
  const json = {
    lines: lines.map(({ lineId, machine, counters = true }) => {
      const nodes = simulatedNodeIds(machine);
      return {
        lineId,
        state: { nodeId: nodes.state, values: 'machinery' },
        ...(counters ? { goodCount: { nodeId: nodes.goodCount }, scrapCount: { nodeId: nodes.scrapCount } } : {}),
      };
    }),
  };
  writeFileSync(file, JSON.stringify(json));
  return file;
}

function profileFile(lineIds: string[]): string {
  const file = join(dir, `profile-${lineIds.join('-')}.json`);
  const lines = lineIds.map((id) => ({ id, name: `Press ${id}`, processes: ['PRESSING'], ratedUnitsPerHour: 30 }));
  writeFileSync(file, JSON.stringify({ name: 'OPC UA Press Co.', lines, capacity: {}, productionHistoryWeeks: 0 }));
  return file;
}

function opcuaEnv(mapping: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPCUA_ENDPOINT: server.endpointUrl,
    OPCUA_MAPPING_FILE: mapping,
    OPCUA_PUBLISHING_INTERVAL_MS: '100',
    OPCUA_PKI_DIR: join(dir, 'client-pki'),
    OPCUA_USERNAME: USER.userName,
    OPCUA_PASSWORD: USER.password,
    SEED_PROFILE: profileFile(MACHINES),
    ...extra,
  };
}

/** Starts a member that must fail; returns the error. */
async function failedStart(label: string, env: Record<string, string>): Promise<Error> {
  const testDatabase: TestDatabase = await createTestDatabase(label);
  try {
    await startLiveMember(label, { memberId: 'presses', testDatabase, env });
  } catch (error) {
    return error as Error;
  } finally {
    await testDatabase.drop();
  }
  throw new Error('the member started');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-opcua-'));
  // As a plant's server is set up: a user required, the password encrypted (Basic256Sha256) even on the unsecured endpoint.
  server = new SimulatedMachineServer({
    port: 0,
    machines: MACHINES,
    pkiDir: join(dir, 'server-pki'),
    initialState: MACHINERY.NOT_EXECUTING,
    user: USER,
    securityModes: ['None', 'SignAndEncrypt'],
    securityPolicies: ['None', 'Basic256Sha256'],
  });
  await server.start();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OPC UA line events', () => {
  let member: LiveMember;
  const storedEvents = async () =>
    dataOf(await member.gql('{ lineEvents(limit: 1000) { seq eventId lineId state reasonCode goodCount scrapCount } }'))['lineEvents'] as Array<
      Record<string, any>
    >;

  afterAll(async () => {
    await member?.stop();
  });

  it('stores state changes and counter increments and publishes them', async () => {
    member = await startLiveMember('opcua-source', {
      memberId: 'presses',
      env: opcuaEnv(
        mappingFile(
          'presses',
          MACHINES.map((m) => ({ lineId: m, machine: m })),
        ),
      ),
    });
    // The first values: both lines' states (IDLE); the counters' are the starting point.
    await expect.poll(storedEvents, { timeout: 20_000 }).toHaveLength(2);
    // From the last stored seq on: nothing missed, however long the subscription takes to open.
    const lastSeq = (await storedEvents()).at(-1)!['seq'] as number;
    const sub = member.subscribe(LINE_STATUS_CHANGED, { resumeFrom: [{ memberId: 'presses', seq: lastSeq }] });
    server.setState('press-1', MACHINERY.EXECUTING);
    server.count('press-1', 12, 1);
    server.setState('press-2', MACHINERY.OUT_OF_SERVICE);
    server.count('press-1', 8);
    await sub.until((s) => s.events.filter((e) => e['lineId'] === 'press-1').reduce((n, e) => n + (e['goodCount'] ?? 0), 0) === 20, 20_000, '20 good parts');
    await sub.until((s) => s.events.some((e) => e['lineId'] === 'press-2'), 20_000, 'press-2');
    const press1 = sub.events.filter((e) => e['lineId'] === 'press-1');
    expect(press1[0]).toMatchObject({ state: 'RUNNING', previousState: 'IDLE', memberId: 'presses' });
    expect(press1.every((e) => e['state'] === 'RUNNING')).toBe(true);
    expect(press1.reduce((n, e) => n + (e['scrapCount'] ?? 0), 0)).toBe(1);
    expect(sub.events.filter((e) => e['lineId'] === 'press-2')).toEqual([expect.objectContaining({ state: 'MAINTENANCE', reasonCode: 'OUT_OF_SERVICE' })]);
    expect(sub.seqs).toEqual(sub.seqs.map((_, i) => lastSeq + 1 + i));
    await sub.close();
  });

  it('counts from zero again after a counter reset', async () => {
    const before = (await storedEvents()).length;
    server.resetCounters('press-1');
    server.count('press-1', 4, 2);
    await expect.poll(async () => (await storedEvents()).slice(before).reduce((n, e) => n + (e['goodCount'] ?? 0), 0), { timeout: 20_000 }).toBe(4);
    const after = (await storedEvents()).slice(before);
    // The reset itself (20 → 0) is no count; what came after it is.
    expect(after.reduce((n, e) => n + (e['scrapCount'] ?? 0), 0)).toBe(2);
    expect((await member.health())['opcua']).toMatchObject({ connected: true, rejected: 0, failed: 0 });
  });

  it('stores nothing again for machine states unchanged across a member restart', async () => {
    const before = await storedEvents();
    await member.stop({ drop: false });
    member = await startLiveMember('opcua-source', {
      memberId: 'presses',
      testDatabase: member.testDatabase,
      env: opcuaEnv(
        mappingFile(
          'presses',
          MACHINES.map((m) => ({ lineId: m, machine: m })),
        ),
      ),
    });
    await expect.poll(async () => (await member.health())['opcua']['received'], { timeout: 20_000 }).toBeGreaterThanOrEqual(MACHINES.length * 3);
    server.setState('press-2', MACHINERY.EXECUTING);
    await expect.poll(async () => (await storedEvents()).length, { timeout: 20_000 }).toBe(before.length + 1);
    expect((await storedEvents()).at(-1)).toMatchObject({ lineId: 'press-2', state: 'RUNNING', seq: before.at(-1)!['seq'] + 1 });
  });
});

describe('OPC UA start-up refusals', () => {
  it('refuses a mapping that names a line the member does not have', async () => {
    const error = await failedStart('opcua-bad-line', opcuaEnv(mappingFile('bad-line', [{ lineId: 'press-9', machine: 'press-1' }])));
    expect(error.message).toContain('lines[0] ("press-9").lineId: this member has no line "press-9"');
  });

  it('refuses a mapping that names a node the server does not have', async () => {
    const error = await failedStart(
      'opcua-bad-node',
      opcuaEnv(
        mappingFile('bad-node', [
          { lineId: 'press-1', machine: 'press-1' },
          { lineId: 'press-2', machine: 'press-7' },
        ]),
      ),
    );
    expect(error.message).toContain('lines[1] ("press-2").state.nodeId: the server has no node "ns=1;s=press-7.State" (BadNodeIdUnknown)');
    expect(error.message).toContain('lines[1] ("press-2").goodCount.nodeId: the server has no node');
    expect(error.message).not.toContain('lines[0]');
  });

  it('refuses a mapping with a value that is not a line state before it opens the database', async () => {
    const file = join(dir, 'bad-state.json');
    writeFileSync(file, JSON.stringify({ lines: [{ lineId: 'press-1', state: { nodeId: 'ns=1;s=press-1.State', values: { '3': 'RUNING' } } }] }));
    const error = await failedStart('opcua-bad-state', opcuaEnv(file));
    expect(error.message).toMatch(/lines\[0\] \("press-1"\)\.state\.values\."3": "RUNING" is not a line state/);
  });

  it('signs and encrypts, and refuses a server certificate it does not trust', async () => {
    const mapping = mappingFile('secure', [{ lineId: 'press-1', machine: 'press-1' }]);
    const secure = { OPCUA_SECURITY_MODE: 'SignAndEncrypt', OPCUA_SECURITY_POLICY: 'Basic256Sha256', OPCUA_PKI_DIR: join(dir, 'secure-client-pki') };
    const untrusted = await failedStart('opcua-untrusted', opcuaEnv(mapping, secure));
    expect(untrusted.message).toMatch(/certificate|Certificate/);
    // Trusted (here: any server certificate, OPCUA_TRUST_UNKNOWN_SERVER): the encrypted session works.
    const member = await startLiveMember('opcua-secure', { memberId: 'presses', env: opcuaEnv(mapping, { ...secure, OPCUA_TRUST_UNKNOWN_SERVER: 'true' }) });
    try {
      await expect.poll(async () => (await member.health())['opcua'], { timeout: 20_000 }).toMatchObject({ connected: true, subscriptionsCreated: 1 });
      // The first publish brings press-1's state (the line had none stored): one event.
      await expect
        .poll(async () => dataOf(await member.gql('{ lineEvents(limit: 10) { lineId state } }'))['lineEvents'], { timeout: 20_000 })
        .toEqual([{ lineId: 'press-1', state: expect.any(String) }]);
    } finally {
      await member.stop();
    }
  });

  it('refuses to start when the server does not accept the user', async () => {
    const error = await failedStart(
      'opcua-bad-user',
      opcuaEnv(mappingFile('bad-user', [{ lineId: 'press-1', machine: 'press-1' }]), { OPCUA_PASSWORD: 'wrong' }),
    );
    expect(error.message).toMatch(/BadUserAccessDenied|BadIdentityTokenRejected|BadIdentityTokenInvalid/);
  });
});
