import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { ServiceProcess, freePort } from '@clustergraph/launcher';
import { expectNoErrors, gql, memberCommand, startTestCluster, testMemberSpecs, waitFor, type GraphQLResult, type TestCluster } from '@clustergraph/test';
import { gatewaySignedToken } from './support/sovereignty.ts';

// Leaving with its data (issue 18, README "Leaving a cluster"): a firm moves from one member
// server to another while a gateway subscriber follows its lines and its MES keeps reporting.
// The procedure as a firm runs it: beginMemberMove (the old server refuses writes from then on),
// exportMemberData, pnpm member:import on the new server's empty database, the new server
// started, updateMemberEndpoint by the leader (the gateway re-routes, the subscription resumes
// at the new server after its last seq), pnpm member:erase on the old one. Nothing lost, nothing
// twice (seqs 1..n, each eventId once), and the old endpoint serves nothing of the firm.
//
// Twice: a hosted firm from the member host to its own server (the host's DELETE /admin/firms/<id>
// deletes and records the old copy), and a firm from one member server to another (pnpm member:erase).

const WebSocket = createRequire(import.meta.url)('ws') as unknown;
const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = createRequire(join(ROOT, 'subgraphs/member/package.json')).resolve('tsx');
const FIRM = 'cast';
const ownToken = (firm: string) =>
  gatewaySignedToken(cluster.rootDir, { userId: `admin@${firm}`, memberId: firm, roles: ['admin'], memberRoles: ['PARTNER'] }, { to: firm });

let cluster: TestCluster;
const newServers: ServiceProcess[] = [];
const clients: Client[] = [];
const dir = mkdtempSync(join(tmpdir(), 'cg-e2e-move-'));

interface Event {
  memberId: string;
  seq: number;
  eventId: string;
  lineId: string;
  state: string;
}

async function call<T = Record<string, any>>(login: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  return gql<T>(cluster.gatewayUrl, query, variables, { token: login ? await cluster.token(login) : null });
}

const EXPORT = `mutation ExportMemberData($memberId: ID!) { exportMemberData(memberId: $memberId) {
  fileName sizeBytes archiveBase64 manifest { memberId lastEventSeq contentSha256 transferState tables { table rows } } } }`;

/** The firm's MES: reports one event at a time through the gateway and retries what a move refuses, with the same eventId. */
function startMes(firm: string, lineIds: string[]) {
  const sent: string[] = [];
  const refusals = new Map<string, number>();
  let running = true;
  let i = 0;
  const done = (async () => {
    while (running) {
      const eventId = `mes-${i}`;
      const event = { eventId, lineId: lineIds[i % lineIds.length]!, state: i % 3 === 0 ? 'DOWN' : 'RUNNING', reasonCode: i % 3 === 0 ? `R${i}` : null };
      for (;;) {
        const answer = await call(
          `admin@${firm}`,
          `mutation($events: [LineEventInput!]!) { reportLineEvents(memberId: "${firm}", events: $events) { accepted duplicates } }`,
          {
            events: [event],
          },
        ).catch((error: unknown) => ({ status: 0, errors: [{ message: String(error), extensions: { code: 'NETWORK' } }] }) as GraphQLResult);
        const code = String(answer.errors?.[0]?.extensions?.['code'] ?? 'OK');
        if (!answer.errors?.length) break;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
        if (!['MEMBER_MOVING', 'MEMBER_MOVED', 'MEMBER_UNAVAILABLE', 'RATE_LIMITED', 'NETWORK'].includes(code))
          throw new Error(`MES: unexpected refusal ${JSON.stringify(answer.errors)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      sent.push(eventId);
      i++;
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  return {
    sent,
    refusals,
    async stop() {
      running = false;
      await done;
    },
  };
}

interface Origin {
  /** Step 5 for this kind of server; the manifest is the export's. */
  deleteOldCopy(manifest: { lastEventSeq: number; tables: Array<{ table: string; rows: number }> }): Promise<void>;
  /** Asserts that the old endpoint serves nothing of the firm. */
  servesNothing(): Promise<void>;
}

/** The five steps of README "Leaving a cluster", while a subscriber follows the firm's lines and its MES writes. */
async function moveFirm(firm: string, from: Origin): Promise<void> {
  const lineIds = expectNoErrors(await call(`admin@${firm}`, `{ lines(memberIds: ["${firm}"]) { id } }`)).lines.map((l: { id: string }) => l.id);

  // A subscriber of the gateway follows the firm's lines (the firm's own admin: no policy in the way).
  const token = await cluster.token(`admin@${firm}`);
  const client = createClient({
    url: cluster.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  const received: Event[] = [];
  const streamErrors: unknown[] = [];
  client.subscribe<{ lineStatusChanged: Event }>(
    { query: `subscription { lineStatusChanged(memberIds: ["${firm}"]) { memberId seq eventId lineId state } }` },
    {
      next: (payload) => {
        if (payload.errors) streamErrors.push(...payload.errors);
        if (payload.data?.lineStatusChanged) received.push(payload.data.lineStatusChanged);
      },
      error: (error) => streamErrors.push(error),
      complete: () => {},
    },
  );
  const mes = startMes(firm, lineIds);
  await waitFor('the subscriber receives the MES’s events', async () => received.length >= 5, 30_000);

  // 1. The old server stops taking writes; reads go on.
  const begun = expectNoErrors(
    await call(`admin@${firm}`, `mutation { beginMemberMove(memberId: "${firm}", reason: "to our own server") { state lastEventSeq } }`),
  );
  expect(begun.beginMemberMove.state).toBe('MOVING');
  await waitFor('the MES is refused with MEMBER_MOVING', async () => (mes.refusals.get('MEMBER_MOVING') ?? 0) > 0, 20_000);
  expect(expectNoErrors(await call(`admin@${firm}`, `{ lines(memberIds: ["${firm}"]) { id } }`)).lines).toHaveLength(lineIds.length);

  // 2. Export through the gateway (the firm's admin), as the console's button and `clustergraph export` do.
  const exported = expectNoErrors(await call(`admin@${firm}`, EXPORT, { memberId: firm })).exportMemberData;
  expect(exported.manifest).toMatchObject({ memberId: firm, transferState: 'MOVING', lastEventSeq: begun.beginMemberMove.lastEventSeq });
  const archive = join(dir, exported.fileName);
  writeFileSync(archive, Buffer.from(exported.archiveBase64, 'base64'));

  // 3. Import into the new server's empty database, then start it (not routed yet).
  const newDatabase = await cluster.database(`${firm}-new`);
  const newDataDir = join(dir, `${firm}-new-data`);
  const dbEnv = { MEMBER_ID: firm, DATA_DIR: newDataDir, ...(newDatabase ? { DATABASE_URL: newDatabase } : {}) };
  const imported = await memberCommand(['import', '--file', archive], dbEnv);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({
    imported: firm,
    lastEventSeq: exported.manifest.lastEventSeq,
    contentSha256: exported.manifest.contentSha256,
  });
  // A second import into the same (no longer empty) database is refused.
  const twice = await memberCommand(['import', '--file', archive], dbEnv);
  expect(twice.code).toBe(2);
  expect(twice.stderr).toMatch(/NOT_EMPTY/);

  const port = await freePort('127.0.0.1');
  const template = cluster.members.get('lead')!.options;
  const { SEED_PROFILE: _seed, DATABASE_URL: _leadUrl, ...templateEnv } = template.env;
  const newServer = new ServiceProcess({
    ...template,
    name: `member ${firm} (new server)`,
    env: { ...templateEnv, ...dbEnv, PORT: String(port) },
    healthUrl: `http://127.0.0.1:${port}/health`,
    logFile: template.logFile.replace(/member-lead\.log$/, `member-${firm}-new.log`),
  });
  newServers.push(newServer);
  await newServer.start();
  const newEndpoint = `http://127.0.0.1:${port}/graphql`;

  // 4. The leader switches the firm's endpoint; the gateway re-routes reads, writes and the open subscription.
  const switched = await call('admin@lead', `mutation($id: ID!, $endpoint: String!) { updateMemberEndpoint(id: $id, endpoint: $endpoint) { id status } }`, {
    id: firm,
    endpoint: newEndpoint,
  });
  expect(expectNoErrors(switched).updateMemberEndpoint).toEqual({ id: firm, status: 'ACTIVE' });
  const sentAtSwitch = mes.sent.length;
  await waitFor('the MES writes to the new server', async () => mes.sent.length >= sentAtSwitch + 5, 60_000);
  // The old server is still up and still holds the gateway's upstream socket: only the gateway
  // following the move brings the new server's events to the subscriber.
  await waitFor('the subscription follows the firm to the new server', async () => received.some((e) => e.seq > exported.manifest.lastEventSeq), 30_000);

  // 5. The old copy is deleted, and the deletion recorded.
  await from.deleteOldCopy(exported.manifest);

  await waitFor('more events after the deletion', async () => mes.sent.length >= sentAtSwitch + 10, 60_000);
  await mes.stop();
  const last = mes.sent.at(-1)!;
  await waitFor(`the subscriber receives ${last}`, async () => received.some((e) => e.eventId === last), 60_000);

  // Nothing lost, nothing twice: every event the MES had accepted, once, seqs 1..n with no gap.
  const ids = received.map((e) => e.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(new Set(mes.sent.slice(mes.sent.indexOf(ids[0]!))));
  const seqs = received.map((e) => e.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i], `seq after ${seqs[i - 1]}`).toBe(seqs[i - 1]! + 1);
  expect(seqs.some((s) => s > exported.manifest.lastEventSeq)).toBe(true);
  expect(streamErrors).toEqual([]);
  // The stored history agrees: the new server has every event, numbered without a gap.
  const history = expectNoErrors(await call(`admin@${firm}`, `{ lineEvents(memberIds: ["${firm}"], limit: 1000) { seq eventId } }`)).lineEvents as Event[];
  expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
  expect(history.map((e) => e.eventId)).toEqual(mes.sent);

  // The old endpoint serves nothing of the firm, asked directly with a token the gateway's key signed for the firm.
  await from.servesNothing();
}

beforeAll(async () => {
  // cast is a hosted firm (on the member host); heat runs its own member server.
  cluster = await startTestCluster({ members: testMemberSpecs().map((m) => (m.id === 'cast' ? { ...m, hosted: true } : m)), memberHost: {} });
});

afterAll(async () => {
  for (const client of clients) await client.dispose();
  for (const server of newServers) await server.stop();
  await cluster?.dispose();
});

describe('moving a firm to another server with its data', () => {
  it('refuses the export to everyone but the firm’s admins', async () => {
    for (const login of ['planner@cast', 'admin@lead', 'admin@heat']) {
      const answer = await call(login, EXPORT, { memberId: FIRM });
      expect(answer.errors?.[0]?.extensions, login).toMatchObject({ code: 'FORBIDDEN', memberId: FIRM });
      expect(answer.data ?? null).toBeNull();
    }
    const anonymous = await call(null, EXPORT, { memberId: FIRM });
    expect(anonymous.data?.['exportMemberData'] ?? null).toBeNull();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });

  it('moves a hosted firm from the member host to its own server: nothing lost, nothing twice, the host serves nothing of it afterwards', async () => {
    const hostUrl = cluster.memberHostUrl!;
    const oldEndpoint = cluster.memberUrl('cast');
    expect(oldEndpoint).toBe(`${hostUrl}/firms/cast/graphql`);
    await moveFirm('cast', {
      async deleteOldCopy() {
        // The host's provisioning API, as the registry calls it; the host records the deletion.
        const res = await fetch(`${hostUrl}/admin/firms/cast`, { method: 'DELETE', headers: { authorization: `Bearer ${await cluster.hostAdminToken()}` } });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ memberId: 'cast', deletedAt: expect.any(String) });
      },
      async servesNothing() {
        const answer = await gql(oldEndpoint, `{ lines(memberIds: ["cast"]) { id } }`, {}, { token: await ownToken('cast') });
        expect(answer.status).toBe(404);
        expect(answer.data ?? null).toBeNull();
      },
    });
  }, 300_000);

  it('moves a firm between two member servers, the old copy deleted with pnpm member:erase', async () => {
    const old = cluster.members.get('heat')!;
    const oldEndpoint = cluster.memberUrl('heat');
    await moveFirm('heat', {
      async deleteOldCopy(manifest) {
        const oldDbEnv = {
          MEMBER_ID: 'heat',
          DATA_DIR: old.options.env['DATA_DIR']!,
          ...(cluster.databaseUrlOf('heat') ? { DATABASE_URL: cluster.databaseUrlOf('heat')! } : {}),
        };
        // PGlite is one process's database: the old server stops for the deletion and comes back on it.
        if (cluster.driver === 'pglite') await old.stop();
        const erased = await memberCommand(['erase', '--confirm', 'heat', '--by', 'admin@heat'], oldDbEnv);
        expect(erased.stderr).toBe('');
        expect(erased.code).toBe(0);
        const record = JSON.parse(erased.stdout).deletionRecord;
        expect(record).toMatchObject({ memberId: 'heat', deletedBy: 'admin@heat', lastEventSeq: manifest.lastEventSeq });
        const rows = (tables: Array<{ table: string; rows: number }>) => tables.find((t) => t.table === 'line_events')?.rows;
        expect(rows(record.tables)).toBe(rows(manifest.tables));
        if (cluster.driver === 'pglite') await old.start();
      },
      async servesNothing() {
        const direct = await waitFor(
          'the old server refuses',
          async () => {
            const answer = await gql(
              oldEndpoint,
              `{ lines(memberIds: ["heat"]) { id } lineEvents(memberIds: ["heat"]) { seq } }`,
              {},
              { token: await ownToken('heat') },
            );
            return answer.errors?.[0]?.extensions?.['code'] === 'MEMBER_MOVED' && answer;
          },
          30_000,
        );
        expect(direct.data ?? null).toBeNull();
      },
    });
  }, 300_000);

  it('downloads the signed-in firm’s archive with `clustergraph export --out`, for its admins only', async () => {
    const configFile = join(dir, 'cli-config.json');
    const cli = (args: string[]) =>
      execFileAsync(process.execPath, ['--import', TSX, 'clients/cli/src/main.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', CLUSTERGRAPH_CONFIG: configFile, NO_COLOR: '1' },
        timeout: 60_000,
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
    const out = join(dir, 'lead.ndjson.gz');
    expect((await cli(['login', '--as', 'planner@lead', '--endpoint', cluster.gatewayUrl])).code).toBe(0);
    const refused = await cli(['export', '--out', out]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/admin of lead/);
    expect(existsSync(out)).toBe(false);

    expect((await cli(['login', '--as', 'admin@lead', '--endpoint', cluster.gatewayUrl])).code).toBe(0);
    const done = await cli(['export', '--out', out]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Wrote .*lead\.ndjson\.gz: \d+ bytes/);
    const [manifestLine] = gunzipSync(readFileSync(out)).toString('utf8').split('\n');
    expect(JSON.parse(manifestLine!)).toMatchObject({ format: 'clustergraph-member-export', memberId: 'lead', transferState: 'SERVING' });
  });
});
