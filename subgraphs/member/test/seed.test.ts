import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { parseDemoMemberProfile, type DemoMemberProfileInput } from '../src/seed/profile.ts';
import { generateProductionHistory, plannedShiftStarts } from '../src/seed/productionHistory.ts';
import { seedDemoData } from '../src/seed/seedDemoData.ts';
import { dataOf, startMember, type RunningMember } from './harness.ts';

// This file runs on embedded PGlite (the driver `pnpm start` uses), including a restart.
const PROFILE: DemoMemberProfileInput = {
  name: 'Daesung Precision Casting',
  smartFactoryLevel: 2,
  lines: [
    { id: 'dc-800t', name: 'Die casting cell 800 t', processes: ['CASTING'], ratedUnitsPerHour: 30 },
    { id: 'dc-1250t', name: 'Die casting cell 1250 t', processes: ['CASTING'], ratedUnitsPerHour: 22 },
  ],
  capabilities: [{ process: 'CASTING', materials: ['aluminium ADC12'], maxPartSizeMm: 900, certifications: ['IATF16949'], notes: 'HPDC' }],
  capacity: { CASTING: { actual: 240, maximum: 300, price: 75_000 } },
};
const THIS_MONDAY = mondayOf(new Date());
const MEMBER = `{ _entities(representations: [{ __typename: "Member", id: "daesung" }]) { ... on Member {
  smartFactoryLevel capabilities { process materials maxPartSizeMm certifications notes } lines { id name status { state } }
  capacity(from: "${THIS_MONDAY}", to: "${addWeeks(THIS_MONDAY, 20)}") { process weekStart actualHours maximumHours pricePerHour availableHours }
  production(from: "${addWeeks(THIS_MONDAY, -8)}", to: "${addWeeks(THIS_MONDAY, 1)}") { lineId shiftStart goodQuantity scrapQuantity runMinutes downMinutes energyKwh } } } }`;

let member: RunningMember;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  const profileFile = join(dir, 'daesung.json');
  writeFileSync(profileFile, JSON.stringify(PROFILE));
  member = await startMember('member-seed', { memberId: 'daesung', driver: 'pglite', seedProfile: profileFile });
});
afterAll(async () => {
  await member?.stop();
});

describe('demo seed', () => {
  it('runs on PGlite', () => {
    expect(member.app.database.driver).toBe('pglite');
  });

  it('seeds profile, lines, capabilities and 12 weeks of capacity from this Monday', async () => {
    const m = dataOf(await member.gql(MEMBER))['_entities'][0];
    expect(m.smartFactoryLevel).toBe(2);
    expect(m.capabilities).toEqual([{ process: 'CASTING', materials: ['aluminium ADC12'], maxPartSizeMm: 900, certifications: ['IATF16949'], notes: 'HPDC' }]);
    expect(m.lines.map((l: { id: string }) => l.id).sort()).toEqual(['dc-1250t', 'dc-800t']);
    expect(m.capacity).toHaveLength(12);
    expect(m.capacity[0]).toEqual({
      process: 'CASTING',
      weekStart: THIS_MONDAY,
      actualHours: 240,
      maximumHours: 300,
      pricePerHour: 75_000,
      availableHours: 240,
    });
    expect(m.capacity[11].weekStart).toBe(addWeeks(THIS_MONDAY, 11));
  });

  it('seeds realistic per-shift production history for every line', async () => {
    const records = dataOf(await member.gql(MEMBER))['_entities'][0].production as Array<Record<string, any>>;
    for (const lineId of ['dc-800t', 'dc-1250t']) {
      // Six weeks of weekday double shifts and Saturday day shifts is 66 shifts, plus this week's so far.
      expect(records.filter((r) => r.lineId === lineId).length).toBeGreaterThanOrEqual(66);
    }
    for (const r of records) {
      const produced = r.goodQuantity + r.scrapQuantity;
      expect(produced).toBeGreaterThan(0);
      const scrapRate = r.scrapQuantity / produced;
      expect(scrapRate).toBeGreaterThanOrEqual(0.005);
      expect(scrapRate).toBeLessThanOrEqual(0.045);
      expect(r.runMinutes + r.downMinutes).toBeLessThanOrEqual(480);
      expect(r.energyKwh).toBeGreaterThan(0);
      expect(Date.parse(r.shiftStart)).toBeLessThan(Date.now());
    }
  });

  it('is deterministic for the same profile and day', () => {
    const shifts = plannedShiftStarts(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'));
    const lines = parseDemoMemberProfile(PROFILE).lines;
    expect(generateProductionHistory(lines, shifts, PROFILE.name)).toEqual(generateProductionHistory(lines, shifts, PROFILE.name));
    // Mon swing (the day shift, 06:00 KST, began 2026-03-01T21:00Z, before `from`), Tue–Fri both, Sat day.
    expect(shifts).toHaveLength(1 + 4 * 2 + 1);
  });

  it('never seeds over existing data, also across a restart', async () => {
    const before = dataOf(await member.gql(MEMBER));
    // The firm changes its data; a second seed (directly, and by restarting with SEED_PROFILE) must not undo it.
    dataOf(await member.gql(`mutation { setSmartFactoryLevel(memberId: "daesung", level: 3) { id } }`));
    const again = await seedDemoData(member.app.database.db, PROFILE, new Date());
    expect(again.seeded).toBe(false);
    member = await member.restart();
    const after = dataOf(await member.gql(MEMBER))['_entities'][0];
    expect(after.smartFactoryLevel).toBe(3);
    expect(after.lines).toEqual(before['_entities'][0].lines);
    expect(after.capacity).toEqual(before['_entities'][0].capacity);
    expect(after.production).toEqual(before['_entities'][0].production);
  });

  it('accepts the flat profile shape too', () => {
    const flat = parseDemoMemberProfile({
      name: 'Flat Co.',
      processes: ['WELDING'],
      lines: [{ id: 'w-1', name: 'Weld cell', processes: ['WELDING'], ratedUnitsPerHour: 10 }],
      capabilities: [],
      weeklyHoursPerProcess: { WELDING: 80 },
      maximumHoursPerProcess: { WELDING: 100 },
      pricePerHour: { WELDING: 60_000 },
      smartFactoryLevel: 2,
      productionHistoryWeeks: 4,
    });
    expect(flat.capacity).toEqual({ WELDING: { actual: 80, maximum: 100, price: 60_000 } });
    expect(flat.productionHistoryWeeks).toBe(4);
  });

  it('rejects a profile with actual above maximum', () => {
    expect(() => parseDemoMemberProfile({ ...PROFILE, capacity: { CASTING: { actual: 10, maximum: 5 } } })).toThrow(/actual must not exceed maximum/);
  });
});
