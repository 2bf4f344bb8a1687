import { describe, expect, it } from 'vitest';
import { watchingAnswers } from '../src/planning/answers.ts';

const plan = (status: string, ...allocations: { status: string; capacityConflict?: string | null }[]) => ({ status, allocations });

describe('order panel: when to keep polling for answers', () => {
  it('polls while an answer is due', () => {
    expect(watchingAnswers(plan('PROPOSED', { status: 'ACCEPTED' }, { status: 'PROPOSED' }))).toBe(true);
  });

  it('keeps polling after a decline until the re-plan supersedes the version', () => {
    // The cluster has stored the decline but its re-plan (a HiGHS run) has not landed yet.
    expect(watchingAnswers(plan('PROPOSED', { status: 'ACCEPTED' }, { status: 'DECLINED' }))).toBe(true);
    expect(watchingAnswers(plan('SUPERSEDED', { status: 'ACCEPTED' }, { status: 'DECLINED' }))).toBe(false);
  });

  it('keeps polling while accepted work has a capacity conflict to re-plan', () => {
    expect(watchingAnswers(plan('PROPOSED', { status: 'ACCEPTED', capacityConflict: 'CAPACITY_CUT' }))).toBe(true);
    expect(watchingAnswers(plan('PROPOSED', { status: 'ACCEPTED', capacityConflict: null }, { status: 'IN_PROGRESS' }))).toBe(false);
  });

  it('stops once every answer is in and nothing is left to re-plan, or with no plan out', () => {
    expect(watchingAnswers(plan('PROPOSED', { status: 'ACCEPTED' }, { status: 'ACCEPTED' }))).toBe(false);
    expect(watchingAnswers(plan('DRAFT', { status: 'NOT_PROPOSED' }))).toBe(false);
    expect(watchingAnswers(null)).toBe(false);
  });
});
