import type { ClusterCapacityQuery, ProcessType } from '@clustergraph/sdk';

export type CapacityMember = ClusterCapacityQuery['members'][number];
export type Bucket = NonNullable<CapacityMember['capacity']>[number];

/** The measures the capacity heatmap can show, with the catalogue key of each one's name. */
export const MEASURES = {
  availableHours: 'capacity:measure.availableHours',
  actualHours: 'capacity:measure.actualHours',
  maximumHours: 'capacity:measure.maximumHours',
  committedHours: 'capacity:measure.committedHours',
  flexibleHours: 'capacity:measure.flexibleHours',
} as const;
export type Measure = keyof typeof MEASURES;

/**
 * DCM rule (Catena-X CX-0128) with the load known so far: load ≤ actual is fine;
 * actual < load ≤ maximum is a bottleneck flexible capacity can absorb; load >
 * maximum is a bottleneck. Until the planning issue brings demand, the load is the
 * committed hours of accepted allocations.
 */
export type DcmState = 'ok' | 'flexible' | 'bottleneck';

export function dcmState(load: number, actual: number, maximum: number): DcmState {
  if (load <= actual) return 'ok';
  if (load <= maximum) return 'flexible';
  return 'bottleneck';
}

export interface CellTotals {
  process: ProcessType;
  week: string;
  actualHours: number;
  maximumHours: number;
  committedHours: number;
  availableHours: number;
  flexibleHours: number;
  members: number;
  state: DcmState;
}

/** Sums the buckets of the given members per process and week. */
export function totalsByCell(members: readonly CapacityMember[], weeks: readonly string[]): CellTotals[] {
  const cells = new Map<string, CellTotals>();
  const weekSet = new Set(weeks);
  for (const member of members) {
    for (const b of member.capacity ?? []) {
      if (!weekSet.has(b.weekStart)) continue;
      const key = `${b.process}|${b.weekStart}`;
      const cell = cells.get(key) ?? {
        process: b.process,
        week: b.weekStart,
        actualHours: 0,
        maximumHours: 0,
        committedHours: 0,
        availableHours: 0,
        flexibleHours: 0,
        members: 0,
        state: 'ok' as DcmState,
      };
      cell.actualHours += b.actualHours;
      cell.maximumHours += b.maximumHours;
      cell.committedHours += b.committedHours;
      cell.availableHours += b.availableHours;
      cell.flexibleHours += b.flexibleHours;
      cell.members += 1;
      cells.set(key, cell);
    }
  }
  for (const cell of cells.values()) cell.state = dcmState(cell.committedHours, cell.actualHours, cell.maximumHours);
  return [...cells.values()];
}
