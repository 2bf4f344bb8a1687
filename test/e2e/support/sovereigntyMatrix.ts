import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import { gql, expectNoErrors, mondayFromNow, waitFor, type TestCluster } from '../../src/index.ts';
import {
  PURPOSES,
  READERS,
  expectedGrant,
  forbiddenErrors,
  forgedGatewayToken,
  gatewaySignedToken,
  publicKeyHmacToken,
  unsignedUserToken,
  userToken,
  type Category,
  type MatrixReader,
  type Purpose,
} from './sovereignty.ts';

// Issue 3, adversarial: every data category of one owner (cast) read by every kind of
// reader for every purpose, through the gateway; then the ways around the gateway.

const MATRIX = /* GraphQL */ `
  query Matrix($cfrom: Date!, $cto: Date!, $pfrom: Date!, $pto: Date!) {
    member(id: "cast") {
      id
      smartFactoryLevel
      capabilities {
        process
      }
      lines {
        id
        name
        status {
          state
        }
      }
      capacity(from: $cfrom, to: $cto) {
        weekStart
        availableHours
      }
      allocations {
        id
      }
      production(from: $pfrom, to: $pto) {
        lineId
        shiftStart
        goodQuantity
        scrapQuantity
        energyKwh
      }
    }
  }
`;

const LEDGER = /* GraphQL */ `
  query Ledger($from: DateTime, $readerId: ID, $category: DataCategory) {
    member(id: "cast") {
      dataUsage(from: $from, readerId: $readerId, category: $category) {
        at
        readerMemberId
        readerUserId
        category
        purpose
        operationName
        records
        allowed
        policyId
        granularity
      }
    }
  }
`;

interface LedgerRow {
  readerMemberId: string;
  readerUserId: string | null;
  category: Category;
  purpose: Purpose;
  operationName: string | null;
  records: number;
  allowed: boolean;
  policyId: string | null;
  granularity: string | null;
}

// The test package has no @types/ws; graphql-ws only needs a WebSocket constructor.
const WebSocket = createRequire(import.meta.url)('ws') as unknown;

const today = new Date().toISOString().slice(0, 10);
const vars = { cfrom: mondayFromNow(0), cto: mondayFromNow(2), pfrom: mondayFromNow(-3), pto: today };

/**
 * The matrix as a suite, for any cluster holding the sovereignty members (support/sovereignty.ts):
 * each a process of its own (sovereignty.e2e.ts) or all in one member host (hosted-sovereignty.e2e.ts).
 */
export function describeSovereigntyMatrix(title: string, startCluster: () => Promise<TestCluster>): void {
  describe(title, () => {
    let cluster: TestCluster;
    const tokenOf = async (reader: MatrixReader) => (reader.login ? cluster.token(reader.login) : null);
    const ownerToken = () => cluster.token('admin@cast');
    const ledger = async (filter: Record<string, unknown> = {}) =>
      expectNoErrors(await gql(cluster.gatewayUrl, LEDGER, filter, { token: await ownerToken() }))['member'].dataUsage as LedgerRow[];

    beforeAll(async () => {
      cluster = await startCluster();
    });
    const sockets: Client[] = [];
    afterAll(async () => {
      for (const socket of sockets) await socket.dispose();
      await cluster?.dispose();
    });

    /** A graphql-ws subscription through the gateway, collecting events and errors. */
    const subscribe = async (login: string, purpose: Purpose, query: string) => {
      const token = await cluster.token(login);
      const client = createClient({
        url: cluster.gatewayUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}`, purpose },
        retryAttempts: 0,
        lazy: false,
      });
      sockets.push(client);
      const events: Array<{ eventId: string; state: string }> = [];
      const errors: unknown[] = [];
      let completed = false;
      client.subscribe<{ lineStatusChanged: { eventId: string; state: string } }>(
        { query },
        {
          next: (payload) => {
            if (payload.errors) errors.push(...payload.errors);
            if (payload.data?.lineStatusChanged) events.push(payload.data.lineStatusChanged);
          },
          error: (error) => errors.push(error),
          complete: () => (completed = true),
        },
      );
      return { events, errors, done: () => completed };
    };
    const reportCastEvent = async (state: string) => {
      const eventId = randomUUID();
      expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation($events: [LineEventInput!]!) { reportLineEvents(memberId: "cast", events: $events) { accepted } }`,
          { events: [{ eventId, lineId: 'cast-line-1', state }] },
          { token: await ownerToken() },
        ),
      );
      return eventId;
    };

    it('serves each category per policy, and the ledger holds exactly the allowed and denied reads', async () => {
      const started = new Date(Date.now() - 1000).toISOString();
      /** reader|purpose|category|allowed → records, as the answers show them. */
      const expectedLedger = new Map<string, number>();
      const add = (reader: MatrixReader, purpose: Purpose, category: Category, allowed: boolean, records: number) => {
        if (reader.memberId === 'cast') return; // the owner's own reads are not "use by another firm"
        const key = `${reader.memberId ?? '(anonymous)'}|${purpose}|${category}|${allowed}`;
        expectedLedger.set(key, (expectedLedger.get(key) ?? 0) + records);
      };

      const cases = READERS.flatMap((reader) => PURPOSES.map((purpose) => ({ reader, purpose })));
      const answers = await Promise.all(
        cases.map(async ({ reader, purpose }) => ({
          reader,
          purpose,
          result: await gql(cluster.gatewayUrl, MATRIX, vars, { token: await tokenOf(reader), purpose, operationName: 'Matrix' }),
        })),
      );

      for (const { reader, purpose, result } of answers) {
        const where = `${reader.label} / ${purpose}`;
        const member = result.data?.['member'];
        expect(member, where).toBeTruthy();
        const grant = (c: Category) => expectedGrant(reader, purpose, c);
        const check = (category: Category, field: string, value: unknown, records: (v: any) => number) => {
          const errors = forbiddenErrors(result.errors, category).filter((e) => e.path?.[1] === field);
          if (grant(category) === null) {
            expect(value, `${where}: ${category} must be withheld`).toBeNull();
            expect(errors.length, `${where}: ${category} FORBIDDEN`).toBeGreaterThan(0);
            for (const e of errors) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', category, purpose, memberId: 'cast' });
            add(reader, purpose, category, false, errors.length);
          } else {
            expect(value, `${where}: ${category} must be served`).not.toBeNull();
            expect(errors, `${where}: ${category} no FORBIDDEN`).toEqual([]);
            add(reader, purpose, category, true, records(value));
          }
        };
        check('PROFILE', 'smartFactoryLevel', member.smartFactoryLevel, () => 1);
        check('CAPABILITY', 'capabilities', member.capabilities, (v) => v.length);
        check('CAPABILITY', 'lines', member.lines, (v) => v.length);
        check('CAPACITY', 'capacity', member.capacity, (v) => v.length);
        check('ORDERS', 'allocations', member.allocations, (v) => v.length);

        if (member.lines) {
          const statuses = member.lines.map((l: any) => l.status);
          const errors = forbiddenErrors(result.errors, 'LINE_STATUS');
          if (grant('LINE_STATUS') === null) {
            expect(
              statuses.every((s: unknown) => s === null),
              where,
            ).toBe(true);
            expect(errors.length, where).toBe(member.lines.length);
            add(reader, purpose, 'LINE_STATUS', false, errors.length);
          } else {
            expect(
              statuses.every((s: any) => typeof s?.state === 'string'),
              where,
            ).toBe(true);
            add(reader, purpose, 'LINE_STATUS', true, member.lines.length);
          }
        }

        const production = member.production as any[] | null;
        const productionGrant = grant('PRODUCTION');
        if (productionGrant === null) {
          check('PRODUCTION', 'production', production, () => 0);
        } else {
          expect(production, where).not.toBeNull();
          add(reader, purpose, 'PRODUCTION', true, production!.length);
          if (productionGrant === 'AGGREGATED') {
            // Weekly totals of the firm: three complete weeks, never a line or a shift.
            expect(production!.length, where).toBe(3);
            for (const r of production!) {
              expect(r.lineId).toBe('*');
              expect(new Date(r.shiftStart).getUTCDay()).toBe(1);
              expect(r.shiftStart.slice(11)).toBe('00:00:00.000Z');
            }
          } else {
            expect(production!.length, where).toBeGreaterThan(20);
            expect(
              production!.every((r) => r.lineId === 'cast-line-1'),
              where,
            ).toBe(true);
          }
          // Quality and energy inside the records: their own grants, and an AGGREGATED one only over weekly totals.
          for (const [category, field] of [
            ['QUALITY', 'scrapQuantity'],
            ['ENERGY', 'energyKwh'],
          ] as const) {
            const g = grant(category);
            const served = g === 'RAW' || (g === 'AGGREGATED' && productionGrant === 'AGGREGATED');
            const errors = forbiddenErrors(result.errors, category);
            if (served) {
              expect(errors, `${where}: ${category}`).toEqual([]);
              if (field === 'scrapQuantity')
                expect(
                  production!.every((r) => typeof r[field] === 'number'),
                  where,
                ).toBe(true);
              add(reader, purpose, category, true, production!.filter((r) => r[field] !== null).length);
            } else {
              expect(
                production!.every((r) => r[field] === null),
                `${where}: ${category} withheld`,
              ).toBe(true);
              expect(errors.length, `${where}: ${category}`).toBe(production!.length);
              add(reader, purpose, category, false, errors.length);
            }
          }
        }
      }

      // Spot checks stated by hand (the matrix's expectations come from support/expectedGrant).
      const answerOf = (label: string, purpose: Purpose) => answers.find((a) => a.reader.label === label && a.purpose === purpose)!.result.data!['member'];
      expect(answerOf('leader', 'JOINT_PLANNING').capacity).not.toBeNull();
      expect(answerOf('leader', 'MONITORING').capacity).toBeNull();
      expect(answerOf('leader', 'MONITORING').lines[0].status).not.toBeNull();
      expect(answerOf('partner without', 'MONITORING').lines[0].status).toBeNull();
      expect(answerOf('partner with a policy', 'BENCHMARKING').production[0].lineId).toBe('cast-line-1');
      expect(answerOf('anchor', 'AI_TRANSITION').production[0].energyKwh).toEqual(expect.any(Number));
      expect(answerOf('anonymous', 'MONITORING')).toMatchObject({ smartFactoryLevel: 2, capabilities: null, lines: null });
      expect(answerOf('owner', 'BENCHMARKING').allocations).toEqual([]);

      // The ledger, as the owner sees it: exactly these reads, with who, why and which policy.
      const rows = (await ledger({ from: started })).filter((r) => r.operationName === 'Matrix');
      const actual = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.readerMemberId}|${r.purpose}|${r.category}|${r.allowed}`;
        actual.set(key, (actual.get(key) ?? 0) + r.records);
      }
      expect(expectedLedger.size).toBeGreaterThan(60);
      expect([...expectedLedger.keys()].filter((k) => k.endsWith('|false')).length).toBeGreaterThan(30);
      expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expectedLedger].sort()));
      expect(rows.some((r) => r.readerMemberId === 'cast')).toBe(false);
      for (const r of rows) {
        if (r.allowed) expect(r.policyId, JSON.stringify(r)).toBeTruthy();
        else expect(r.policyId).toBeNull();
        if (r.readerMemberId !== '(anonymous)') expect(r.readerUserId).toBe(`planner@${r.readerMemberId}`);
      }
      // One request's reads of a category are one row, unless a batch flush fell in between: sum them.
      const leaderCapacity = rows.filter((r) => r.readerMemberId === 'lead' && r.category === 'CAPACITY' && r.allowed && r.purpose === 'JOINT_PLANNING');
      for (const row of leaderCapacity) expect(row).toMatchObject({ purpose: 'JOINT_PLANNING', policyId: 'default-capacity-leader', granularity: 'RAW' });
      expect(leaderCapacity.reduce((n, r) => n + r.records, 0)).toBe(3);

      // Summary per reader and category, the same figures.
      const summary = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `query($from: DateTime) { member(id: "cast") { dataUsageSummary(from: $from) { readerMemberId category allowedRecords deniedRecords allowedReads deniedReads lastReadAt } } }`,
          { from: started },
          { token: await ownerToken() },
        ),
      )['member'].dataUsageSummary as Array<{ readerMemberId: string; category: string; allowedRecords: number; deniedRecords: number }>;
      const heatProduction = summary.find((s) => s.readerMemberId === 'heat' && s.category === 'PRODUCTION')!;
      const sum = (allowed: boolean) =>
        [...expectedLedger].filter(([k]) => k.startsWith('heat|') && k.includes('|PRODUCTION|') && k.endsWith(`|${allowed}`)).reduce((s, [, n]) => s + n, 0);
      expect(heatProduction.allowedRecords).toBe(sum(true));
      expect(heatProduction.deniedRecords).toBe(sum(false));
    });

    it('keeps per-line rows out of aggregated grants through root fields, entities and direct _entities calls', async () => {
      const leader = await cluster.token('planner@lead');
      // Through members { } (the cluster's list, then _entities on the member).
      const list = await gql(
        cluster.gatewayUrl,
        `query($f: Date!, $t: Date!) { members { id production(from: $f, to: $t) { lineId shiftStart } } }`,
        { f: vars.pfrom, t: vars.pto },
        { token: leader, purpose: 'MONITORING' },
      );
      const cast = (list.data?.['members'] as any[]).find((m) => m.id === 'cast');
      expect(cast.production.length).toBeGreaterThan(0);
      expect(cast.production.every((r: any) => r.lineId === '*')).toBe(true);
      // Asking for one line is a per-line question: refused.
      const oneLine = await gql(
        cluster.gatewayUrl,
        `query($f: Date!, $t: Date!) { member(id: "cast") { production(from: $f, to: $t, lineId: "cast-line-1") { lineId } } }`,
        { f: vars.pfrom, t: vars.pto },
        { token: leader, purpose: 'MONITORING' },
      );
      expect(oneLine.data?.['member'].production).toBeNull();
      expect(forbiddenErrors(oneLine.errors, 'PRODUCTION')[0]?.extensions?.['reason']).toBe('AGGREGATED_ONLY');
      // A single day inside a week is widened to the whole (complete) week: no daily figures either.
      const monday = mondayFromNow(-2);
      const oneDay = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `query($d: Date!) { member(id: "cast") { production(from: $d, to: $d) { lineId shiftStart goodQuantity } } }`,
          { d: monday },
          { token: leader, purpose: 'MONITORING' },
        ),
      );
      const week = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `query($f: Date!, $t: Date!) { member(id: "cast") { production(from: $f, to: $t) { lineId shiftStart goodQuantity } } }`,
          { f: monday, t: mondayFromNow(-1) },
          { token: leader, purpose: 'MONITORING' },
        ),
      );
      expect(oneDay['member'].production).toEqual(week['member'].production.slice(0, 1));

      // Straight to the member's _entities with a token only the gateway could sign (the leader's).
      const direct = await gatewaySignedToken(
        cluster.rootDir,
        { userId: 'planner@lead', memberId: 'lead', memberRoles: ['LEADER'], purpose: 'MONITORING' },
        { to: 'cast' },
      );
      const entities = await gql(
        cluster.memberUrl('cast'),
        `query($r: [_Any!]!, $f: Date!, $t: Date!) { _entities(representations: $r) { ... on Member { production(from: $f, to: $t) { lineId shiftStart } } ... on Line { id name status { state } } } }`,
        {
          r: [
            { __typename: 'Member', id: 'cast' },
            { __typename: 'Line', memberId: 'cast', id: 'cast-line-1' },
          ],
          f: vars.pfrom,
          t: vars.pto,
        },
        { token: direct },
      );
      expect(entities.status).toBe(200);
      const [memberEntity, lineEntity] = entities.data?.['_entities'] as any[];
      expect(memberEntity.production.every((r: any) => r.lineId === '*')).toBe(true);
      expect(lineEntity.status.state).toEqual(expect.any(String)); // LINE_STATUS is granted RAW for MONITORING
      // With no grant, the Line entity itself (a line's existence is CAPABILITY: public) is served, its status is not.
      const coat = await gatewaySignedToken(
        cluster.rootDir,
        { userId: 'planner@coat', memberId: 'coat', memberRoles: ['PARTNER'], purpose: 'MONITORING' },
        { to: 'cast' },
      );
      const coatEntities = await gql(
        cluster.memberUrl('cast'),
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Line { id status { state } } ... on Allocation { id } } }`,
        {
          r: [
            { __typename: 'Line', memberId: 'cast', id: 'cast-line-1' },
            { __typename: 'Allocation', memberId: 'cast', id: 'a-1' },
          ],
        },
        { token: coat },
      );
      expect(coatEntities.data?.['_entities'][0]).toEqual({ id: 'cast-line-1', status: null });
      expect(coatEntities.data?.['_entities'][1]).toBeNull();
      expect(forbiddenErrors(coatEntities.errors, 'LINE_STATUS')).toHaveLength(1);
      expect(forbiddenErrors(coatEntities.errors, 'ORDERS')).toHaveLength(1);
    });

    it('applies a grant, a change and a revocation on the very next request', async () => {
      const admin = await ownerToken();
      const coat = await cluster.token('planner@coat');
      const read = () =>
        gql(
          cluster.gatewayUrl,
          `query($f: Date!, $t: Date!) { member(id: "cast") { production(from: $f, to: $t) { lineId } } }`,
          { f: vars.pfrom, t: vars.pto },
          { token: coat, purpose: 'BENCHMARKING' },
        );
      expect((await read()).data?.['member'].production).toBeNull();

      const granted = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation($input: SharingPolicyInput!) { grantSharing(memberId: "cast", input: $input) { id category grantee purpose granularity createdBy validUntil } }`,
          { input: { category: 'PRODUCTION', grantee: 'coat', purpose: 'BENCHMARKING' } },
          { token: admin },
        ),
      )['grantSharing'];
      expect(granted).toMatchObject({
        category: 'PRODUCTION',
        grantee: 'coat',
        purpose: 'BENCHMARKING',
        granularity: 'RAW',
        createdBy: 'admin@cast',
        validUntil: null,
      });
      expect((await read()).data?.['member'].production[0].lineId).toBe('cast-line-1');

      expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation($id: ID!) { updateSharing(memberId: "cast", policyId: $id, input: { granularity: AGGREGATED }) { granularity } }`,
          { id: granted.id },
          { token: admin },
        ),
      );
      expect((await read()).data?.['member'].production.every((r: any) => r.lineId === '*')).toBe(true);

      const revoked = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation($id: ID!) { revokeSharing(memberId: "cast", policyId: $id) { id revokedAt revokedBy } }`,
          { id: granted.id },
          { token: admin },
        ),
      )['revokeSharing'];
      expect(revoked).toMatchObject({ id: granted.id, revokedBy: 'admin@cast' });
      const after = await read();
      expect(after.data?.['member'].production).toBeNull();
      expect(forbiddenErrors(after.errors, 'PRODUCTION')[0]?.extensions).toMatchObject({ category: 'PRODUCTION', purpose: 'BENCHMARKING', memberId: 'cast' });

      // The policy list: active by default, revoked on request; the defaults are there and revocable.
      const policies = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `{ member(id: "cast") { active: sharingPolicies { id isDefault } all: sharingPolicies(includeRevoked: true) { id revokedAt } } }`,
          {},
          { token: admin },
        ),
      )['member'];
      expect(policies.active.map((p: any) => p.id)).toEqual(
        expect.arrayContaining(['default-profile', 'default-capability', 'default-capacity-leader', 'default-ai-insights-anchor']),
      );
      expect(policies.active.some((p: any) => p.id === granted.id)).toBe(false);
      expect(policies.all.find((p: any) => p.id === granted.id).revokedAt).toBeTruthy();

      // Revoking the leader's default capacity grant: the leader's planning read is refused next time.
      const leader = await cluster.token('planner@lead');
      const capacity = () =>
        gql(
          cluster.gatewayUrl,
          `query($f: Date!, $t: Date!) { member(id: "heat") { capacity(from: $f, to: $t) { weekStart } } }`,
          { f: vars.cfrom, t: vars.cto },
          { token: leader, purpose: 'JOINT_PLANNING' },
        );
      expect((await capacity()).data?.['member'].capacity).toHaveLength(3);
      expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation { revokeSharing(memberId: "heat", policyId: "default-capacity-leader") { id } }`,
          {},
          { token: await cluster.token('admin@heat') },
        ),
      );
      expect((await capacity()).data?.['member'].capacity).toBeNull();
    });

    it('lets only the owner’s admins change policies and only the owner’s users see them and the ledger', async () => {
      const grant = `mutation { grantSharing(memberId: "cast", input: { category: ORDERS, grantee: "coat", purpose: ANY }) { id } }`;
      for (const login of ['planner@cast', 'admin@lead', 'admin@coat']) {
        const r = await gql(cluster.gatewayUrl, grant, {}, { token: await cluster.token(login) });
        expect(r.errors?.[0]?.extensions?.['code'], login).toBe('FORBIDDEN');
      }
      const anonymous = await gql(cluster.gatewayUrl, grant);
      expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const bad = await gql(
        cluster.gatewayUrl,
        `mutation { grantSharing(memberId: "cast", input: { category: ORDERS, grantee: "Not A Member", purpose: ANY }) { id } }`,
        {},
        { token: await ownerToken() },
      );
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.grantee' });

      const lead = await cluster.token('admin@lead');
      const peek = await gql(
        cluster.gatewayUrl,
        `{ member(id: "cast") { sharingPolicies { id } dataUsage { records } dataUsageSummary { category } dataUsageCsv } }`,
        {},
        { token: lead },
      );
      expect(peek.data?.['member']).toEqual({ sharingPolicies: null, dataUsage: null, dataUsageSummary: null, dataUsageCsv: null });
      expect(peek.errors?.every((e) => e.extensions?.['code'] === 'FORBIDDEN')).toBe(true);
      expect(peek.errors).toHaveLength(4);
      // The owner's planner may read (not change) them.
      expectNoErrors(await gql(cluster.gatewayUrl, `{ member(id: "cast") { sharingPolicies { id } } }`, {}, { token: await cluster.token('planner@cast') }));
    });

    it('exports the ledger as CSV through the gateway and from the member, to the owner only', async () => {
      const csv = expectNoErrors(await gql(cluster.gatewayUrl, `{ member(id: "cast") { dataUsageCsv(readerId: "heat") } }`, {}, { token: await ownerToken() }))[
        'member'
      ].dataUsageCsv as string;
      const [header, ...lines] = csv.trim().split('\r\n');
      expect(header).toBe('at,readerMemberId,readerUserId,category,purpose,operationName,records,allowed,policyId,granularity');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.split(',')[1] === 'heat')).toBe(true);

      // The member's own routes sit beside its /graphql (a firm's own server, or its path on a member host).
      const memberBase = cluster.memberUrl('cast').replace(/\/graphql$/, '');
      const owner = await gatewaySignedToken(
        cluster.rootDir,
        { userId: 'admin@cast', memberId: 'cast', roles: ['admin'], memberRoles: ['PARTNER'] },
        { to: 'cast' },
      );
      const res = await fetch(`${memberBase}/ledger.csv?category=PRODUCTION`, { headers: { authorization: `Bearer ${owner}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const body = await res.text();
      expect(
        body
          .split('\r\n')
          .slice(1)
          .filter(Boolean)
          .every((l) => l.split(',')[3] === 'PRODUCTION'),
      ).toBe(true);
      const other = await gatewaySignedToken(
        cluster.rootDir,
        { userId: 'admin@lead', memberId: 'lead', roles: ['admin'], memberRoles: ['LEADER'] },
        { to: 'cast' },
      );
      expect((await fetch(`${memberBase}/ledger.csv`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(403);
      expect((await fetch(`${memberBase}/ledger.csv`)).status).toBe(401);
    });

    it('writes every ledger entry before a member stops cleanly', async () => {
      const heat = await cluster.token('planner@heat');
      const before = (await ledger({ readerId: 'heat', category: 'CAPABILITY' })).reduce((s, r) => s + r.records, 0);
      const r = await gql(cluster.gatewayUrl, `{ member(id: "cast") { capabilities { process } } }`, {}, { token: heat });
      expect(r.data?.['member'].capabilities).toHaveLength(1);
      // Stop at once (well within the 500 ms flush interval), then start again.
      await cluster.restartMember('cast');
      const after = await waitFor('ledger after restart', async () => {
        const rows = await ledger({ readerId: 'heat', category: 'CAPABILITY' });
        return rows.length ? rows : null;
      });
      expect(after.reduce((s, row) => s + row.records, 0)).toBe(before + 1);
    });

    it('refuses direct subgraph calls without, with a forged or with an expired gateway token', async () => {
      const url = cluster.memberUrl('cast');
      const query = '{ _service { sdl } }';
      expect((await gql(url, query)).status).toBe(401);
      const claims = { userId: 'admin@cast', memberId: 'cast', roles: ['admin'], memberRoles: ['PARTNER'] };
      const forged = await gql(url, query, {}, { token: await forgedGatewayToken(cluster.rootDir, claims, 'cast') });
      expect(forged.status).toBe(401);
      expect(forged.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect((await gql(url, query, {}, { token: await gatewaySignedToken(cluster.rootDir, claims, { to: 'cast', expired: true }) })).status).toBe(401);
      // A user's own sign-in JWT is not a gateway token either.
      expect((await gql(url, query, {}, { token: await ownerToken() })).status).toBe(401);
      // The real key, in date, works: the refusals above are about the token, not the call…
      const valid = await gatewaySignedToken(cluster.rootDir, claims, { to: 'cast' });
      expect((await gql(url, query, {}, { token: valid })).status).toBe(200);
      // …once: the same token again is a replay, and a token for cast does not open heat.
      expect((await gql(url, query, {}, { token: valid })).status).toBe(401);
      expect((await gql(cluster.memberUrl('heat'), query, {}, { token: await gatewaySignedToken(cluster.rootDir, claims, { to: 'cast' }) })).status).toBe(401);
      // The cluster subgraph too.
      expect((await gql(cluster.clusterUrl, '{ cluster { name } }')).status).toBe(401);
    });

    it('refuses sign-in JWTs signed with the wrong key, alg none, HS256 with the public key, expired or for another audience', async () => {
      const issuer = `${cluster.gatewayOrigin}/auth`;
      const login = 'admin@cast';
      const bad = {
        'wrong key': await userToken(cluster.rootDir, login, { issuer, wrongKey: true }),
        'alg none': unsignedUserToken(login, issuer),
        'HS256 with the public key': await publicKeyHmacToken(cluster.rootDir, login, issuer),
        expired: await userToken(cluster.rootDir, login, { issuer, expired: true }),
        'wrong audience': await userToken(cluster.rootDir, login, { issuer, audience: 'another-app' }),
        'wrong issuer': await userToken(cluster.rootDir, login, { issuer: 'https://evil.example/auth' }),
      };
      for (const [what, token] of Object.entries(bad)) {
        const r = await gql(cluster.gatewayUrl, '{ me { userId } cluster { name } }', {}, { token });
        expect(r.errors?.[0]?.extensions?.['code'], what).toBe('UNAUTHENTICATED');
        expect(r.data?.['me'] ?? null, what).toBeNull();
      }
      // The control: the same construction, correctly signed, is accepted.
      const good = await userToken(cluster.rootDir, login, { issuer });
      expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ me { userId } }', {}, { token: good }))['me']).toEqual({ userId: login });
    });

    it('answers me, validates the purpose header and gives anonymous visitors the cluster and public profiles only', async () => {
      const me = expectNoErrors(
        await gql(cluster.gatewayUrl, '{ me { userId memberId roles memberRoles member { name } } }', {}, { token: await cluster.token('planner@anchor') }),
      )['me'];
      expect(me).toEqual({ userId: 'planner@anchor', memberId: 'anchor', roles: ['planner'], memberRoles: ['ANCHOR'], member: { name: 'Anchor Motors' } });
      expect(expectNoErrors(await gql(cluster.gatewayUrl, '{ me { userId } }'))['me']).toBeNull();

      const badPurpose = await gql(cluster.gatewayUrl, '{ cluster { name } }', {}, { purpose: 'MARKETING' });
      expect(badPurpose.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

      const visitor = await gql(cluster.gatewayUrl, '{ cluster { name } members { id name smartFactoryLevel capabilities { process } } lines { id } }');
      expect(visitor.data?.['cluster'].name).toBeTruthy();
      const members = visitor.data?.['members'] as any[];
      expect(members.every((m) => m.smartFactoryLevel === 2 && m.capabilities === null)).toBe(true);
      // Root list fields: each member's part is refused (the list is what the members shared: nothing).
      expect(visitor.data?.['lines']).toEqual([]);
      expect(forbiddenErrors(visitor.errors, 'CAPABILITY').length).toBeGreaterThanOrEqual(members.length);
    });

    it('delivers no subscription events under an aggregated-only or missing LINE_STATUS grant', async () => {
      expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation { grantSharing(memberId: "cast", input: { category: LINE_STATUS, grantee: "coat", purpose: MONITORING, granularity: AGGREGATED }) { id } }`,
          {},
          { token: await ownerToken() },
        ),
      );
      const query = `subscription { lineStatusChanged(memberIds: ["cast"]) { eventId state } }`;
      const aggregatedOnly = await subscribe('planner@coat', 'MONITORING', query);
      const noGrant = await subscribe('planner@anchor', 'MONITORING', query);
      await new Promise((r) => setTimeout(r, 1500));
      await reportCastEvent('RUNNING');
      await waitFor('refusals', async () => aggregatedOnly.errors.length > 0 && noGrant.errors.length > 0, 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(aggregatedOnly.events).toEqual([]);
      expect(noGrant.events).toEqual([]);
      expect(JSON.stringify(aggregatedOnly.errors)).toContain('FORBIDDEN');
      expect(JSON.stringify(noGrant.errors)).toContain('FORBIDDEN');
    });

    it('stops a running subscription within a second of a revocation, and records both in the ledger', async () => {
      const since = new Date().toISOString();
      const watch = await subscribe('planner@lead', 'MONITORING', `subscription { lineStatusChanged(memberIds: ["cast"]) { eventId state } }`);
      // Until the first event arrives we cannot know the upstream is open: report until one does.
      const first = await waitFor(
        'first event',
        async () => {
          const id = await reportCastEvent('IDLE');
          await new Promise((r) => setTimeout(r, 300));
          return watch.events.some((e) => e.eventId === id) && id;
        },
        15_000,
        0,
      );
      expect(watch.errors).toEqual([]);

      const policy = 'seed-line-status-leader-monitoring-raw';
      expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `mutation($id: ID!) { revokeSharing(memberId: "cast", policyId: $id) { revokedAt } }`,
          { id: policy },
          { token: await ownerToken() },
        ),
      );
      await new Promise((r) => setTimeout(r, 1000));
      const after = await reportCastEvent('DOWN');
      await waitFor('the subscription refused', async () => watch.errors.length > 0, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(watch.events.map((e) => e.eventId)).toContain(first);
      expect(watch.events.map((e) => e.eventId)).not.toContain(after);
      expect(JSON.stringify(watch.errors)).toContain('FORBIDDEN');

      const rows = (await ledger({ from: since, readerId: 'lead', category: 'LINE_STATUS' })).filter((r) => r.purpose === 'MONITORING');
      expect(rows.filter((r) => r.allowed).reduce((n, r) => n + r.records, 0)).toBeGreaterThanOrEqual(1);
      expect(rows.find((r) => r.allowed)?.policyId).toBe(policy);
      expect(rows.some((r) => !r.allowed)).toBe(true);
    });
  });
}
