import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { productionRecords } from '../src/db/schema.ts';
import { assessMaturity, type MaturityFacts } from '../src/analytics/maturity.ts';
import { generateProductionHistory, plannedShiftStarts } from '../src/seed/productionHistory.ts';
import type { MemberDatabase } from '../src/db/database.ts';
import { dataOf, startMember, type RunningMember } from './harness.ts';

const ALL_YES = {
  lotTraceability: true,
  automaticEquipmentData: true,
  realTimeControl: true,
  environmentSafetyMonitoring: true,
  analyticsInOperations: true,
  autonomousControl: true,
};

const perfect: MaturityFacts = {
  asOf: new Date('2026-03-16T00:00:00Z'),
  lineCount: 4,
  eventsAvailable: true,
  linesReportingLive: 4,
  recordsLast4Weeks: 200,
  completeRecordsLast4Weeks: 200,
  historyWeeks: 30,
  latencyP95Seconds: 0.8,
  anomaliesLast12Weeks: 2,
  anomaliesActedOn: 2,
  selfAssessment: ALL_YES,
};

describe('maturity ladder (rules)', () => {
  it('reaches 5 when every criterion is met', () => {
    const m = assessMaturity(perfect);
    expect(m.level).toBe(5);
    expect(m.nextSteps).toEqual([]);
    expect(m.evidence.every((e) => e.met)).toBe(true);
  });

  it('keeps a member without live status at 1, whatever it answers', () => {
    for (const facts of [
      { ...perfect, linesReportingLive: 0 },
      { ...perfect, eventsAvailable: false, linesReportingLive: 0, latencyP95Seconds: null },
    ]) {
      const m = assessMaturity(facts);
      expect(m.level).toBe(1);
      expect(m.evidence.find((e) => e.criterion === 'live-status-coverage')).toMatchObject({ met: false, measured: 0 });
      expect(m.nextSteps.some((s) => s.startsWith('Level 2') && s.includes('live status'))).toBe(true);
    }
    expect(assessMaturity({ ...perfect, eventsAvailable: false, linesReportingLive: 0 }).notes[0]).toMatch(/no line events/);
  });

  it('stops at the first level with an unmet criterion and says what is missing', () => {
    const m = assessMaturity({ ...perfect, anomaliesActedOn: 0, selfAssessment: { ...ALL_YES, autonomousControl: false } });
    expect(m.level).toBe(3);
    expect(m.nextSteps).toEqual([expect.stringMatching(/^Level 4 \(advanced 1\): Act on detected anomalies.*2 more/)]);
    const partial = assessMaturity({ ...perfect, linesReportingLive: 3, completeRecordsLast4Weeks: 190 });
    // 3 of 4 lines is below 80 %: level 1, and the step names the one line missing.
    expect(partial.level).toBe(1);
    expect(partial.nextSteps).toEqual([expect.stringContaining('Connect 1 more line')]);
  });

  it('counts unanswered self-assessment as not met', () => {
    const m = assessMaturity({ ...perfect, selfAssessment: null });
    expect(m.level).toBe(1);
    expect(m.evidence.find((e) => e.criterion === 'self-lotTraceability')).toMatchObject({ met: false, value: 'self-assessment not answered' });
  });
});

// The same rules on a real member database of known shape: 3 lines, 14 weeks of shift
// records with energy, a scrap-rate shift planted on one line in the last weeks.
describe('maturity from a member database', () => {
  let member: RunningMember;
  const now = new Date();
  const lineIds = ['cast-1', 'cast-2', 'trim-1'];

  beforeAll(async () => {
    member = await startMember('analytics-maturity', { memberId: 'acme' });
    for (const id of lineIds) {
      dataOf(
        await member.gql(`mutation($input: LineInput!) { upsertLine(memberId: "acme", input: $input) { id } }`, {
          input: { id, name: id, processes: ['CASTING'], ratedUnitsPerHour: 40 },
        }),
      );
    }
    const db = member.app.database.db;
    // Lines were created now; maturity counts lines existing at asOf, so date them back with the history.
    await db.execute(sql`update lines set created_at = now() - interval '120 days'`);
    const shifts = plannedShiftStarts(new Date(now.getTime() - 14 * 7 * 86_400_000), now);
    const history = generateProductionHistory(
      lineIds.map((id) => ({ id, processes: ['CASTING'] as const, ratedUnitsPerHour: 40 })),
      shifts,
      'maturity-fixture',
    );
    // Planted: cast-2 scraps 3× its usual rate over its last 30 shifts.
    const planted = history.filter((r) => r.lineId === 'cast-2').slice(-30);
    for (const r of planted) {
      const produced = r.goodQuantity + r.scrapQuantity;
      r.scrapQuantity = Math.round(r.scrapQuantity * 3);
      r.goodQuantity = produced - r.scrapQuantity;
    }
    for (let i = 0; i < history.length; i += 500) await db.insert(productionRecords).values(history.slice(i, i + 500));
  });
  afterAll(async () => {
    await member?.stop();
  });

  const maturityQuery = `{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member {
    maturity { level levelName evidence { criterion level met value measured } nextSteps notes } } } }`;
  const maturity = async () => dataOf(await member.gql(maturityQuery))['_entities'][0].maturity;

  it('is 1 without live status, even with full answers and complete records', async () => {
    dataOf(
      await member.gql(`mutation($input: SelfAssessmentInput!) { setSelfAssessment(memberId: "acme", input: $input) { answeredBy } }`, {
        input: { ...ALL_YES, autonomousControl: false },
      }),
    );
    await dropLiveEvents(member.app.database.db);
    const m = await maturity();
    expect(m.level).toBe(1);
    const byId = Object.fromEntries(m.evidence.map((e: { criterion: string }) => [e.criterion, e]));
    expect(byId['live-status-coverage']).toMatchObject({ met: false, measured: 0 });
    expect(byId['record-completeness']).toMatchObject({ met: true, measured: 1 });
    expect(byId['history-depth-12w'].met).toBe(true);
    expect(m.nextSteps.join('\n')).toMatch(/Level 2.*live status/);
  });

  it('reaches 3 with every line live and fast, 4 once the planted anomaly is acted on', async () => {
    await writeLiveEvents(member.app.database.db, lineIds, now);
    const before = await maturity();
    expect(before.level).toBe(3);
    expect(before.nextSteps).toEqual([expect.stringMatching(/^Level 4.*acknowledgeAnomaly/)]);

    const anomalies = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member {
      anomalies { id lineId kind start end status magnitude acknowledged evidence { at value baseline } } } } }`),
    )['_entities'][0].anomalies;
    const plantedShift = anomalies.find((a: { lineId: string; kind: string }) => a.lineId === 'cast-2' && a.kind === 'SCRAP_RATE_SHIFT');
    expect(plantedShift).toBeDefined();
    expect(plantedShift.magnitude).toBeGreaterThan(1);
    expect(plantedShift.status).toBe('ONGOING');
    expect(plantedShift.evidence.length).toBeGreaterThan(10);
    for (const a of anomalies) {
      const ack = dataOf(
        await member.gql(
          `mutation($id: ID!) { acknowledgeAnomaly(memberId: "acme", id: $id, action: "checked die temperature, replaced worn insert") { id acknowledged acknowledgement { action by } } }`,
          { id: a.id },
        ),
      );
      expect(ack['acknowledgeAnomaly']).toMatchObject({ id: a.id, acknowledged: true, acknowledgement: { by: 'planner@acme' } });
    }
    const after = await maturity();
    expect(after.level).toBe(4);
    expect(after.nextSteps.every((s: string) => s.startsWith('Level 5'))).toBe(true);
  });

  it('rejects acknowledging an anomaly the detector does not find', async () => {
    const unknown = await member.gql(`mutation { acknowledgeAnomaly(memberId: "acme", id: "scrap~cast-1~2020-01-01T00:00:00.000Z", action: "x") { id } }`);
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('serves OEE per line and week and a capacity forecast', async () => {
    const to = new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    const from = new Date(now.getTime() - 35 * 86_400_000).toISOString().slice(0, 10);
    const data = dataOf(
      await member.gql(
        `query($from: Date!, $to: Date!) { _entities(representations: [{ __typename: "Line", memberId: "acme", id: "cast-1" }]) { ... on Line {
        oee(from: $from, to: $to) { weekStart availability performance quality oee plannedBusyMinutes runMinutes goodQuantity scrapQuantity downtimeSource } } } }`,
        { from, to },
      ),
    );
    const weeks = data['_entities'][0].oee;
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const w of weeks) {
      expect(w.oee).toBeCloseTo(w.availability * w.performance * w.quality, 10);
      expect(w.availability).toBeGreaterThan(0.5);
      expect(w.availability).toBeLessThanOrEqual(1);
    }
    dataOf(
      await member.gql(
        `mutation { setCapacity(memberId: "acme", input: [{ process: CASTING, weekStart: "${mondayAhead(1)}", actualHours: 100, maximumHours: 120 }]) { weekStart } }`,
      ),
    );
    const forecast = dataOf(
      await member.gql(`{ _entities(representations: [{ __typename: "Member", id: "acme" }]) { ... on Member {
      capacityForecast(process: CASTING) { weekStart availableHours oeeRatio expectedEffectiveHours low high oeeWeeks } analyticsModels { id version } } } }`),
    )['_entities'][0];
    const next = forecast.capacityForecast.find((f: { weekStart: string }) => f.weekStart === mondayAhead(1));
    expect(next.availableHours).toBe(100);
    expect(next.oeeWeeks).toBe(8);
    expect(next.low).toBeLessThanOrEqual(next.expectedEffectiveHours);
    expect(next.high).toBeGreaterThanOrEqual(next.expectedEffectiveHours);
    expect(next.expectedEffectiveHours).toBeCloseTo(100 * next.oeeRatio, 6);
    expect(forecast.analyticsModels.map((m: { id: string }) => m.id)).toContain('oee-iso22400');
  });
});

function mondayAhead(weeks: number): string {
  const kstToday = new Date(Date.now() + 9 * 3_600_000);
  const weekday = (kstToday.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(kstToday.getUTCFullYear(), kstToday.getUTCMonth(), kstToday.getUTCDate()) + (7 * weeks - weekday) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (Array.isArray(r) ? r : ((r as { rows: Row[] }).rows ?? []));

/** No live status: an empty line_events table (or none at all). */
async function dropLiveEvents(db: MemberDatabase): Promise<void> {
  const exists = rowsOf(await db.execute(sql`select to_regclass('line_events') is not null as present`))[0]?.['present'];
  if (exists) await db.execute(sql`delete from line_events`);
}

/**
 * One RUNNING event per line and hour for the last two days, received 0.5 s after it
 * happened. Written straight into line_events (its live-status owner's table); when that
 * table is not migrated yet, a minimal one with the columns the analytics read stands in.
 */
async function writeLiveEvents(db: MemberDatabase, lineIds: readonly string[], now: Date): Promise<void> {
  await db.execute(
    sql`create table if not exists line_events (seq bigint primary key, event_id text not null unique, line_id text not null, state text not null, at timestamptz not null, cycle_time_seconds double precision, received_at timestamptz not null default now())`,
  );
  const columns = new Set(
    rowsOf(await db.execute(sql`select column_name from information_schema.columns where table_name = 'line_events'`)).map((r) => String(r['column_name'])),
  );
  let seq = 1;
  for (let h = 48; h >= 1; h--) {
    for (const lineId of lineIds) {
      const at = new Date(now.getTime() - h * 3_600_000);
      const received = new Date(at.getTime() + 500);
      const extra = columns.has('previous_state') ? sql`, null` : sql``;
      const extraColumn = columns.has('previous_state') ? sql`, previous_state` : sql``;
      await db.execute(
        sql`insert into line_events (seq, event_id, line_id, state, at, received_at${extraColumn}) values (${seq}, ${`ev-${seq}`}, ${lineId}, 'RUNNING', ${at.toISOString()}::timestamptz, ${received.toISOString()}::timestamptz${extra})`,
      );
      seq++;
    }
  }
}
