import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, mondayOf } from '@clustergraph/runtime';
import { createTestDatabase, postgresReachable, type TestDatabase } from '@clustergraph/runtime/testing';
import { loadPortabilityCommandConfig } from '../src/config.ts';
import { runPortabilityCommand } from '../src/portability/commands.ts';
import { eraseMovedCopy } from '../src/portability/eraser.ts';
import { allMemberTables, EXPORTED_TABLES, SERVER_TABLES } from '../src/portability/tables.ts';
import { countRows } from '../src/portability/sqlRows.ts';
import { isFreezeRefusal } from '../src/portability/freezeRefusals.ts';
import { sql } from 'drizzle-orm';
import { dataOf, startMember, type GraphQLResponse, type RunningMember } from './harness.ts';

// Leaving with its data (issue 18): export, import into a new database, the MOVING freeze and
// the deletion of a moved copy, on a real member subgraph and a real database.

const MEMBER = 'porta';
// The same suite on both drivers: a firm on the demo's PGlite moves to PostgreSQL and back.
const DRIVERS: Array<'pglite' | 'postgres'> = ['pglite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
const dir = mkdtempSync(join(tmpdir(), 'cg-portability-'));

const EXPORT = `mutation ExportMemberData($memberId: ID!) { exportMemberData(memberId: $memberId) {
  fileName sizeBytes archiveBase64
  manifest { format formatVersion memberId exportedAt lastEventSeq contentSha256 transferState tables { table rows } } } }`;
const BEGIN = `mutation ($memberId: ID!, $reason: String) { beginMemberMove(memberId: $memberId, reason: $reason) { memberId state since lastEventSeq reason } }`;
const CANCEL = `mutation ($memberId: ID!) { cancelMemberMove(memberId: $memberId) { memberId state lastEventSeq } }`;
const REPORT = `mutation ($memberId: ID, $events: [LineEventInput!]!) { reportLineEvents(memberId: $memberId, events: $events) { accepted events { seq } } }`;
const UPSERT_LINE = `mutation ($memberId: ID!, $input: LineInput!) { upsertLine(memberId: $memberId, input: $input) { id } }`;
const READ_BACK = `query ($ids: [ID!]) { lines(memberIds: $ids) { id name processes status { state seq } }
  lineEvents(memberIds: $ids, limit: 1000) { seq eventId lineId state } }`;

const lines = (ids: number[]) => ids.map((i) => ({ id: `line-${i}`, name: `Press ${i}`, processes: ['PRESSING'], ratedUnitsPerHour: 30 }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, sink: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

async function admin(member: RunningMember) {
  return member.tokenFor({ userId: `admin@${member.memberId}`, memberId: member.memberId, roles: ['admin'] });
}

async function exportAsAdmin(member: RunningMember) {
  const answer = dataOf(await member.gql(EXPORT, { memberId: member.memberId }, { token: await admin(member) }))['exportMemberData'];
  return { ...answer, bytes: Buffer.from(answer.archiveBase64, 'base64') };
}

function commandConfig(db: TestDatabase) {
  return loadPortabilityCommandConfig({ MEMBER_ID: MEMBER, DATABASE_URL: db.url, DATA_DIR: db.dataDir });
}

async function importFile(db: TestDatabase, file: string, memberId = MEMBER) {
  const output = io();
  const config = { ...commandConfig(db), memberId };
  const code = await runPortabilityCommand(['import', '--file', file], config, silentLogger, output.sink);
  return { code, ...output };
}

function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.['code'];
}

describe.each(DRIVERS)('exportMemberData and member:import (%s)', (driver) => {
  let source: RunningMember;
  const databases: TestDatabase[] = [];
  const fresh = async (label: string) => {
    const db = await createTestDatabase(label, driver);
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    source = await startMember('portability-source', { memberId: MEMBER, driver });
    for (const input of lines([1, 2])) dataOf(await source.gql(UPSERT_LINE, { memberId: MEMBER, input }, { token: await admin(source) }));
    const week = mondayOf(new Date());
    dataOf(
      await source.gql(
        `mutation ($memberId: ID!, $input: [CapacityInput!]!) { setCapacity(memberId: $memberId, input: $input) { weekStart } }`,
        { memberId: MEMBER, input: [{ process: 'PRESSING', weekStart: week, actualHours: 80, maximumHours: 100, pricePerHour: 50_000 }] },
        { token: await admin(source) },
      ),
    );
    dataOf(
      await source.gql(
        `mutation ($memberId: ID!, $input: [CapabilityInput!]!) { setCapabilities(memberId: $memberId, input: $input) { process } }`,
        { memberId: MEMBER, input: [{ process: 'PRESSING', materials: ['steel', 'aluminium'], certifications: ['ISO9001'], maxPartSizeMm: 800.5 }] },
        { token: await admin(source) },
      ),
    );
    dataOf(
      await source.gql(
        `mutation ($memberId: ID!, $input: [ProductionRecordInput!]!) { reportProduction(memberId: $memberId, input: $input) { lineId } }`,
        {
          memberId: MEMBER,
          input: [
            {
              lineId: 'line-1',
              shiftStart: new Date(Date.now() - 8 * 3_600_000).toISOString(),
              goodQuantity: 410,
              scrapQuantity: 7,
              runMinutes: 440,
              downMinutes: 40,
              energyKwh: 312.25,
            },
          ],
        },
        { token: await admin(source) },
      ),
    );
    const events = Array.from({ length: 5 }, (_, i) => ({
      eventId: `ev-${i}`,
      lineId: `line-${(i % 2) + 1}`,
      state: i % 2 ? 'RUNNING' : 'DOWN',
      reasonCode: i % 2 ? null : 'E-STOP',
    }));
    dataOf(await source.gql(REPORT, { memberId: MEMBER, events }, { token: await admin(source) }));
    dataOf(
      await source.gql(
        `mutation ($memberId: ID!, $input: SharingPolicyInput!) { grantSharing(memberId: $memberId, input: $input) { id } }`,
        { memberId: MEMBER, input: { category: 'LINE_STATUS', grantee: 'lead', purpose: 'MONITORING' } },
        { token: await admin(source) },
      ),
    );
    // A read by another firm: the ledger has a row to carry.
    await source.gql(
      READ_BACK,
      { ids: [MEMBER] },
      { token: await source.tokenFor({ userId: 'planner@lead', memberId: 'lead', roles: ['planner'], memberRoles: ['LEADER'] }) },
    );
  });

  afterAll(async () => {
    await source?.stop();
    await Promise.all(databases.map((db) => db.drop().catch(() => {})));
  });

  it('exports or names as the server’s every table of the member schema', () => {
    const covered = new Set([...EXPORTED_TABLES.map((t) => t.name), ...SERVER_TABLES]);
    expect(allMemberTables().filter((t) => !covered.has(t))).toEqual([]);
    expect(EXPORTED_TABLES.map((t) => t.name).filter((t) => SERVER_TABLES.includes(t))).toEqual([]);
  });

  it('exports everything with a manifest that matches the archive', async () => {
    const exported = await exportAsAdmin(source);
    expect(exported.sizeBytes).toBe(exported.bytes.length);
    const text = gunzipSync(exported.bytes).toString('utf8');
    const [manifestLine, ...rows] = text.split('\n').filter(Boolean);
    const manifest = JSON.parse(manifestLine!);
    expect(manifest).toMatchObject({ format: 'clustergraph-member-export', formatVersion: 1, memberId: MEMBER, lastEventSeq: 5, transferState: 'SERVING' });
    expect(exported.manifest.contentSha256).toBe(manifest.contentSha256);
    const counts = Object.fromEntries(exported.manifest.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]));
    expect(counts).toMatchObject({ lines: 2, capacity_weeks: 1, capabilities: 1, production_records: 1, line_events: 5, line_event_counter: 1 });
    expect(counts['sharing_policies']).toBeGreaterThan(1);
    expect(counts['data_usage']).toBeGreaterThan(0);
    expect(rows).toHaveLength(Object.values(counts).reduce((a, b) => (a as number) + (b as number), 0) as number);
    expect(exported.fileName).toMatch(new RegExp(`^clustergraph-${MEMBER}-\\d{8}T\\d{6}Z\\.ndjson\\.gz$`));
  });

  it('refuses the export to anyone but the firm’s admins and records each refusal in the ledger', async () => {
    const other = await source.gql(
      EXPORT,
      { memberId: MEMBER },
      { token: await source.tokenFor({ userId: 'planner@lead', memberId: 'lead', roles: ['admin'], memberRoles: ['LEADER'] }) },
    );
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.errors![0]!.extensions!['field']).toBe('exportMemberData');
    expect(other.data).toBeNull();
    const ownNonAdmin = await source.gql(EXPORT, { memberId: MEMBER });
    expect(codeOf(ownNonAdmin)).toBe('FORBIDDEN');
    // The ledger is written in batches: wait for the refusals (one per data category) to land.
    let refusals: Array<{ category: string; allowed: boolean; operationName: string | null }> = [];
    for (let i = 0; i < 50 && refusals.length < 9; i++) {
      const answer = dataOf(
        await source.gql(
          `query ($id: ID!) { _entities(representations: [{ __typename: "Member", id: $id }]) { ... on Member { dataUsage(readerId: "lead") { category allowed operationName } } } }`,
          { id: MEMBER },
          { token: await admin(source) },
        ),
      );
      refusals = answer['_entities'][0].dataUsage.filter((r: { operationName: string | null; allowed: boolean }) => r.operationName === 'ExportMemberData');
      if (refusals.length < 9) await new Promise((r) => setTimeout(r, 100));
    }
    expect(refusals.every((r) => !r.allowed)).toBe(true);
    expect(new Set(refusals.map((r) => r.category)).size).toBe(9);
  });

  it('imports into an empty database: the same rows, the same content, events going on after the last seq', async () => {
    const exported = await exportAsAdmin(source);
    const file = join(dir, 'roundtrip.ndjson.gz');
    writeFileSync(file, exported.bytes);
    const target = await fresh('portability-target');
    const result = await importFile(target, file);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out[0]!)).toMatchObject({ imported: MEMBER, lastEventSeq: 5, contentSha256: exported.manifest.contentSha256 });

    const moved = await startMember('portability-target', { memberId: MEMBER, testDatabase: target });
    try {
      const before = dataOf(await source.gql(READ_BACK, { ids: [MEMBER] }, { token: await admin(source) }));
      const after = dataOf(await moved.gql(READ_BACK, { ids: [MEMBER] }, { token: await admin(moved) }));
      expect(after).toEqual(before);
      // Byte for byte the same firm: the new server's export has the same content.
      const again = await exportAsAdmin(moved);
      expect(again.manifest.contentSha256).toBe(exported.manifest.contentSha256);
      // Serial ids and the event counter go on after the imported rows.
      const next = dataOf(
        await moved.gql(REPORT, { memberId: MEMBER, events: [{ eventId: 'after-move', lineId: 'line-1', state: 'IDLE' }] }, { token: await admin(moved) }),
      );
      expect(next['reportLineEvents'].events[0].seq).toBe(6);
      dataOf(
        await moved.gql(
          `mutation ($memberId: ID!, $input: [CapabilityInput!]!) { setCapabilities(memberId: $memberId, input: $input) { process } }`,
          { memberId: MEMBER, input: [{ process: 'WELDING', materials: ['steel'] }] },
          { token: await admin(moved) },
        ),
      );
    } finally {
      await moved.stop({ drop: false });
    }
  });

  it('refuses a non-empty database, another member’s archive, a damaged or a newer archive, writing nothing', async () => {
    const exported = await exportAsAdmin(source);
    const good = join(dir, 'good.ndjson.gz');
    writeFileSync(good, exported.bytes);

    // Not empty: a database that already holds a firm (here: one with a line).
    const busy = await fresh('portability-busy');
    expect((await importFile(busy, good)).code).toBe(0);
    const again = await importFile(busy, good);
    expect(again.code).toBe(2);
    expect(again.err.join()).toMatch(/refused \(NOT_EMPTY\)/);

    const empty = await fresh('portability-empty');
    const wrong = await importFile(empty, good, 'someone-else');
    expect(wrong.code).toBe(2);
    expect(wrong.err.join()).toMatch(/WRONG_MEMBER.*porta/);

    const text = gunzipSync(exported.bytes).toString('utf8');
    const tampered = join(dir, 'tampered.ndjson.gz');
    writeFileSync(tampered, gzipSync(text.replace('"good_quantity":410', '"good_quantity":4100')));
    const damaged = await importFile(empty, tampered);
    expect(damaged.code).toBe(2);
    expect(damaged.err.join()).toMatch(/DAMAGED.*sha256/);

    const cut = join(dir, 'cut.ndjson.gz');
    writeFileSync(cut, exported.bytes.subarray(0, Math.floor(exported.bytes.length / 2)));
    expect((await importFile(empty, cut)).err.join()).toMatch(/DAMAGED/);

    const [manifestLine, ...rest] = text.split('\n');
    const newer = join(dir, 'newer.ndjson.gz');
    writeFileSync(newer, gzipSync([JSON.stringify({ ...JSON.parse(manifestLine!), formatVersion: 2 }), ...rest].join('\n')));
    expect((await importFile(empty, newer)).err.join()).toMatch(/UNSUPPORTED_VERSION/);

    // A manifest that counts one row less than the archive holds.
    const manifest = JSON.parse(manifestLine!);
    manifest.tables = manifest.tables.map((t: { table: string; rows: number }) => (t.table === 'line_events' ? { ...t, rows: t.rows - 1 } : t));
    const miscounted = join(dir, 'miscounted.ndjson.gz');
    writeFileSync(miscounted, gzipSync([JSON.stringify(manifest), ...rest].join('\n')));
    expect((await importFile(empty, miscounted)).err.join()).toMatch(/DAMAGED.*line_events/);

    // Nothing was written by any refusal: the empty database takes the good archive.
    expect((await importFile(empty, good)).code).toBe(0);
    expect(readFileSync(good).equals(exported.bytes)).toBe(true);
  });
});

describe.each(DRIVERS)('moving: the freeze, and the deletion of the moved copy (%s)', (driver) => {
  let member: RunningMember;

  beforeAll(async () => {
    member = await startMember('portability-moving', { memberId: MEMBER, driver });
    for (const input of lines([1])) dataOf(await member.gql(UPSERT_LINE, { memberId: MEMBER, input }, { token: await admin(member) }));
    dataOf(await member.gql(REPORT, { memberId: MEMBER, events: [{ eventId: 'm-1', lineId: 'line-1', state: 'RUNNING' }] }, { token: await admin(member) }));
  });

  afterAll(async () => {
    await member?.stop();
  });

  it('lets only the firm’s admins begin or cancel a move', async () => {
    const planner = await member.gql(BEGIN, { memberId: MEMBER });
    expect(codeOf(planner)).toBe('FORBIDDEN');
    const other = await member.gql(BEGIN, { memberId: MEMBER }, { token: await member.tokenFor({ userId: 'admin@lead', memberId: 'lead', roles: ['admin'] }) });
    expect(codeOf(other)).toBe('FORBIDDEN');
    const wrongMember = await member.gql(BEGIN, { memberId: 'lead' }, { token: await admin(member) });
    expect(wrongMember.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    const tooLong = await member.gql(BEGIN, { memberId: MEMBER, reason: 'x'.repeat(501) }, { token: await admin(member) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(member.app.transfer.current.state).toBe('SERVING');
  });

  it('refuses writes and ingest while MOVING, serves reads and exports, and takes writes again after a cancel', async () => {
    const begun = dataOf(await member.gql(BEGIN, { memberId: MEMBER, reason: 'to our own server' }, { token: await admin(member) }))['beginMemberMove'];
    expect(begun).toMatchObject({ memberId: MEMBER, state: 'MOVING', lastEventSeq: 1, reason: 'to our own server' });
    // Beginning again changes nothing.
    expect(dataOf(await member.gql(BEGIN, { memberId: MEMBER }, { token: await admin(member) }))['beginMemberMove']).toMatchObject({
      state: 'MOVING',
      since: begun.since,
    });

    const report = await member.gql(
      REPORT,
      { memberId: MEMBER, events: [{ eventId: 'm-2', lineId: 'line-1', state: 'DOWN' }] },
      { token: await admin(member) },
    );
    expect(report.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_MOVING', field: 'reportLineEvents', memberId: MEMBER });
    const upsert = await member.gql(UPSERT_LINE, { memberId: MEMBER, input: lines([9])[0] }, { token: await admin(member) });
    expect(upsert.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_MOVING', field: 'upsertLine' });
    // What does not come through GraphQL (MQTT, the simulator) meets the database's freeze.
    const ingest = member.app.lineEvents.ingest(
      [{ eventId: 'mqtt-1', lineId: 'line-1', state: 'IDLE', at: new Date(), reasonCode: null, cycleTimeSeconds: null, goodCount: null, scrapCount: null }],
      'mqtt',
    );
    await expect(
      ingest.then(
        () => 'stored',
        (error: unknown) => isFreezeRefusal(error),
      ),
    ).resolves.toBe(true);

    const read = dataOf(await member.gql(READ_BACK, { ids: [MEMBER] }, { token: await admin(member) }));
    expect(read['lineEvents'].map((e: { seq: number }) => e.seq)).toEqual([1]);
    const exported = await exportAsAdmin(member);
    expect(exported.manifest).toMatchObject({ transferState: 'MOVING', lastEventSeq: 1 });

    expect(dataOf(await member.gql(CANCEL, { memberId: MEMBER }, { token: await admin(member) }))['cancelMemberMove']).toMatchObject({ state: 'SERVING' });
    const after = dataOf(
      await member.gql(REPORT, { memberId: MEMBER, events: [{ eventId: 'm-2', lineId: 'line-1', state: 'DOWN' }] }, { token: await admin(member) }),
    );
    expect(after['reportLineEvents'].events[0].seq).toBe(2);
  });

  it('answers MEMBER_MOVING, not an internal error, when a move begins between the guard’s look and the write', async () => {
    // Another replica began the move; this process has not heard yet (its cache still says SERVING).
    await member.app.database.db.execute(sql`update member_transfer set state = 'MOVING', since = now() where id = 1`);
    try {
      expect(member.app.transfer.current.state).toBe('SERVING');
      const report = await member.gql(
        REPORT,
        { memberId: MEMBER, events: [{ eventId: 'race-1', lineId: 'line-1', state: 'IDLE' }] },
        { token: await admin(member) },
      );
      expect(report.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_MOVING', field: 'reportLineEvents' });
      const upsert = await member.gql(UPSERT_LINE, { memberId: MEMBER, input: lines([8])[0] }, { token: await admin(member) });
      expect(upsert.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_MOVING', field: 'upsertLine' });
    } finally {
      await member.app.database.db.execute(sql`update member_transfer set state = 'SERVING' where id = 1`);
    }
    expect(await countRows(member.app.database.db, 'lines')).toBe(1);
  });

  it('deletes only a MOVING copy, leaves a record, and then serves nothing of the firm', async () => {
    await expect(eraseMovedCopy(member.app.database.db, MEMBER, 'test')).rejects.toThrow(/SERVING/);
    expect(await countRows(member.app.database.db, 'lines')).toBe(1);

    dataOf(await member.gql(BEGIN, { memberId: MEMBER }, { token: await admin(member) }));
    const record = await eraseMovedCopy(member.app.database.db, MEMBER, 'test');
    expect(record).toMatchObject({ memberId: MEMBER, deletedBy: 'test', lastEventSeq: 2 });
    expect(record.tables.find((t) => t.table === 'line_events')?.rows).toBe(2);
    for (const table of EXPORTED_TABLES) expect(await countRows(member.app.database.db, table.name), table.name).toBe(0);

    // The running server learns it by NOTIFY (or its poll) and refuses everything from then on.
    let answer: GraphQLResponse | undefined;
    for (let i = 0; i < 150; i++) {
      answer = await member.gql(READ_BACK, { ids: [MEMBER] }, { token: await admin(member) });
      if (codeOf(answer) === 'MEMBER_MOVED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(codeOf(answer!)).toBe('MEMBER_MOVED');
    expect(answer!.data ?? null).toBeNull();
    const exportAfter = await member.gql(EXPORT, { memberId: MEMBER }, { token: await admin(member) });
    expect(codeOf(exportAfter)).toBe('MEMBER_MOVED');
    await expect(eraseMovedCopy(member.app.database.db, MEMBER, 'test')).rejects.toThrow(/already deleted/);

    // And a restart on the deleted copy seeds nothing and still refuses.
    member = await member.restart();
    expect(member.app.transfer.current.state).toBe('MOVED');
    expect(codeOf(await member.gql(READ_BACK, { ids: [MEMBER] }, { token: await admin(member) }))).toBe('MEMBER_MOVED');
    expect(await countRows(member.app.database.db, 'sharing_policies')).toBe(0);
  });
});
