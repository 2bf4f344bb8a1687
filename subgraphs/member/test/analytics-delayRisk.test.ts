import { describe, expect, it } from 'vitest';
import { assessDelayRisk, delayRiskModel, delayScore, riskLevel, type DelayRiskInput } from '../src/analytics/delayRisk.ts';
import { ANALYTICS_MODELS } from '../src/analytics/catalogue.ts';

// Delay risk of an allocation on hand-made fixtures. The allocation's week is the plant
// week of Monday 2026-03-02 (00:00 KST = 2026-03-01T15:00Z); 70 % of it is gone at
// 2026-03-01T15:00Z + 0.7 × 7 days.
const kst = (local: string) => new Date(Date.parse(`${local}Z`) - 9 * 3_600_000);
const WEEK_START = kst('2026-03-02T00:00:00');
const at = (share: number) => new Date(WEEK_START.getTime() + share * 7 * 86_400_000);

function fixture(change: Partial<Omit<DelayRiskInput, 'allocation'>> & { allocation?: Partial<DelayRiskInput['allocation']> } = {}): DelayRiskInput {
  return {
    now: change.now ?? at(0.5),
    allocation: {
      id: 'plan-1-a0',
      process: 'CNC_MACHINING',
      weekStart: '2026-03-02',
      quantity: 1000,
      hours: 60,
      status: 'ACCEPTED',
      goodQuantity: 500,
      scrapQuantity: 5,
      ...change.allocation,
    },
    oee: change.oee ?? { recent: 0.74, usual: 0.74, lineIds: ['mc-5ax-1', 'mc-5ax-2'] },
    openAnomalies: change.openAnomalies ?? [],
    capacity: change.capacity === undefined ? { actualHours: 120, committedHours: 100 } : change.capacity,
  };
}

describe('delay risk of an allocation (allocation-delay-risk-logistic)', () => {
  it('is LOW for an allocation on track, with nothing wrong on the lines', () => {
    const risk = assessDelayRisk(fixture())!;
    expect(risk.level).toBe('LOW');
    expect(risk.probability).toBeCloseTo(1 / (1 + Math.exp(3)), 6); // only the intercept: 0.047
    expect(risk.reasons).toEqual(['on track: progress 50 % with 50 % of the week elapsed']);
    expect(risk.modelVersion).toBe(delayRiskModel.version);
    // Half done at half the week: the observed rate finishes it at the week's end (Sunday, KST).
    expect(risk.expectedCompletion).toBe('2026-03-08');
    // A proposal is not in committedHours yet: 40 h committed to other work leaves room for its 60 h.
    const proposed = { goodQuantity: 0, scrapQuantity: 0, status: 'PROPOSED' as const };
    const notStarted = assessDelayRisk(fixture({ now: at(-0.5), allocation: proposed, capacity: { actualHours: 120, committedHours: 40 } }))!;
    expect(notStarted.level).toBe('LOW');
    expect(notStarted.reasons).toEqual(['week of 2026-03-02 not started; no drivers of delay', 'not accepted by the member yet']);
    expect(notStarted.expectedCompletion).toBe('2026-03-08');
    // The same proposal in a week already 100 of 120 h committed: 60 h needed, 20 h free.
    const crowded = assessDelayRisk(fixture({ now: at(-0.5), allocation: proposed, capacity: { actualHours: 120, committedHours: 100 } }))!;
    expect(crowded.level).toBe('HIGH');
    expect(crowded.reasons[0]).toBe('60 h of work left, 20 h of CNC_MACHINING capacity left in the week');
  });

  it('is HIGH when behind plan, with an OEE drop and an open anomaly, and says why', () => {
    const risk = assessDelayRisk(
      fixture({
        now: at(0.7),
        allocation: { goodQuantity: 200, scrapQuantity: 40 },
        oee: { recent: 0.58, usual: 0.74, lineIds: ['mc-5ax-1', 'mc-5ax-2'] },
        openAnomalies: [{ kind: 'SCRAP_RATE_SHIFT', lineId: 'mc-5ax-2', start: new Date('2026-02-27T05:00:00Z'), ongoing: true }],
      }),
    )!;
    expect(risk.level).toBe('HIGH');
    expect(risk.probability).toBeGreaterThan(0.9);
    expect(risk.reasons).toContain('progress 20 % with 70 % of the week elapsed (200 of 1000 good, 40 scrapped (17 % of produced))');
    expect(risk.reasons).toContain('OEE 58 % vs 74 % usual on CNC_MACHINING lines');
    expect(risk.reasons).toContain('open anomaly SCRAP_RATE_SHIFT on mc-5ax-2 since 2026-02-27 05:00 UTC');
    // 48 h left ÷ (0.58/0.74) = 61.2 h, against 30 % of the week's 120 − (100 − 60 own) = 80 uncommitted hours: a capacity gap too.
    expect(risk.reasons).toContain('61.2 h of work left, 24 h of CNC_MACHINING capacity left in the week');
    expect(risk.drivers.shortfall).toBeCloseTo(0.5, 10);
    expect(risk.drivers.oeeDrop).toBeCloseTo(1 - 0.58 / 0.74, 10);
    // At 20 % per 70 % of a week the rest takes 2.8 weeks from now.
    expect(risk.expectedCompletion! > '2026-03-08').toBe(true);
  });

  it('is MEDIUM for a moderate shortfall alone', () => {
    const risk = assessDelayRisk(fixture({ now: at(0.6), allocation: { goodQuantity: 300 }, capacity: null }))!;
    // z = −3 + 8 × 0.3 = −0.6 → 0.354
    expect(risk.probability).toBeCloseTo(1 / (1 + Math.exp(0.6)), 6);
    expect(risk.level).toBe('MEDIUM');
  });

  it('treats an overdue week, done work and declined work plainly', () => {
    const overdue = assessDelayRisk(fixture({ now: at(1.2), allocation: { goodQuantity: 900 } }))!;
    expect(overdue.reasons[0]).toMatch(/^week of 2026-03-02 is over with progress 90 %/);
    expect(overdue.drivers.elapsed).toBe(1);
    const done = assessDelayRisk(fixture({ now: at(1.2), allocation: { status: 'DONE', goodQuantity: 1000, updatedAt: kst('2026-03-06T17:00:00') } }))!;
    expect(done).toMatchObject({ probability: 0, level: 'LOW', expectedCompletion: '2026-03-06', reasons: ['done'] });
    expect(assessDelayRisk(fixture({ allocation: { status: 'DECLINED' } }))).toBeNull();
  });

  it('is monotone: worse progress, more elapsed time, a bigger OEE drop or more anomalies never lower the risk', () => {
    const p = (input: DelayRiskInput) => assessDelayRisk(input)!.probability;
    const anomaly = (i: number) => ({ kind: 'CYCLE_TIME_DRIFT' as const, lineId: `mc-${i}`, start: new Date('2026-02-20T00:00:00Z'), ongoing: true });
    let checks = 0;
    for (const elapsed of [0, 0.2, 0.5, 0.8, 1, 1.3]) {
      for (const recent of [0.74, 0.6, 0.45]) {
        for (const anomalies of [0, 1, 3]) {
          const base = { now: at(elapsed), oee: { recent, usual: 0.74, lineIds: [] }, openAnomalies: Array.from({ length: anomalies }, (_, i) => anomaly(i)) };
          let previous = Infinity;
          for (const good of [0, 100, 300, 500, 800, 1000]) {
            const probability = p(fixture({ ...base, allocation: { goodQuantity: good } }));
            expect(probability).toBeLessThanOrEqual(previous + 1e-12); // more progress → not riskier
            previous = probability;
            // more time elapsed, a lower recent OEE, one more anomaly → not less risky
            expect(p(fixture({ ...base, now: at(elapsed + 0.1), allocation: { goodQuantity: good } }))).toBeGreaterThanOrEqual(probability - 1e-12);
            expect(
              p(fixture({ ...base, oee: { recent: recent - 0.05, usual: 0.74, lineIds: [] }, allocation: { goodQuantity: good } })),
            ).toBeGreaterThanOrEqual(probability - 1e-12);
            expect(p(fixture({ ...base, openAnomalies: [...base.openAnomalies, anomaly(9)], allocation: { goodQuantity: good } }))).toBeGreaterThanOrEqual(
              probability - 1e-12,
            );
            // less uncommitted capacity in the week → not less risky
            expect(p(fixture({ ...base, capacity: { actualHours: 120, committedHours: 115 }, allocation: { goodQuantity: good } }))).toBeGreaterThanOrEqual(
              probability - 1e-12,
            );
            checks += 4;
          }
        }
      }
    }
    expect(checks).toBeGreaterThan(1000);
    // The score itself is increasing in each driver.
    const zero = { shortfall: 0, oeeDrop: 0, openAnomalies: 0, capacityGap: 0 };
    for (const key of Object.keys(zero) as Array<keyof typeof zero>) expect(delayScore({ ...zero, [key]: 0.5 })).toBeGreaterThan(delayScore(zero));
    expect([riskLevel(0.29), riskLevel(0.3), riskLevel(0.59), riskLevel(0.6)]).toEqual(['LOW', 'MEDIUM', 'MEDIUM', 'HIGH']);
  });

  it('is listed in the analytics catalogue as an AI_INSIGHTS model', () => {
    expect(ANALYTICS_MODELS).toContain(delayRiskModel);
    expect(delayRiskModel.category).toBe('AI_INSIGHTS');
  });
});
