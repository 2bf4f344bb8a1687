import { describe, expect, it } from 'vitest';
import { addWeeks, isoWeek, isoWeekLabel, mondayOf, parseWeek, weeksFrom } from '../src/weeks.ts';

describe('ISO weeks', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2025-01-01')).toBe('2024-12-30'); // Wednesday
    expect(mondayOf('2025-01-05')).toBe('2024-12-30'); // Sunday
    expect(mondayOf('2025-01-06')).toBe('2025-01-06');
  });

  it('numbers weeks the ISO way across year ends', () => {
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekLabel('2025-02-10')).toBe('2025-W07');
  });

  it('lists consecutive Mondays', () => {
    expect(weeksFrom('2025-03-05', 3)).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    expect(addWeeks('2025-12-29', 1)).toBe('2026-01-05');
  });

  it('parses weeks given as dates, labels or offsets', () => {
    const today = new Date(Date.UTC(2025, 1, 12)); // Wednesday of 2025-W07
    expect(parseWeek('2025-02-13', today)).toBe('2025-02-10');
    expect(parseWeek('2025-W07', today)).toBe('2025-02-10');
    expect(parseWeek('W8', today)).toBe('2025-02-17');
    expect(parseWeek('+2', today)).toBe('2025-02-24');
    expect(() => parseWeek('next week', today)).toThrow(/not a week/);
  });
});
