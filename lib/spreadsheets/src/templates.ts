import { PROCESS_TYPES, type ProcessType } from '@clustergraph/schema/values';
import type { CapacityRow } from './columns.ts';
import type { SheetRowDraft } from './writeSheet.ts';

/** A capacity bucket as the member answers it (more fields are ignored). */
export interface CapacityBucketLike {
  process: ProcessType;
  weekStart: string;
  actualHours: number;
  maximumHours: number;
  pricePerHour?: number | null;
}

/** A production record as the member answers it (more fields are ignored). */
export interface ProductionRecordLike {
  lineId: string;
  shiftStart: string;
  goodQuantity: number;
  scrapQuantity?: number | null;
  runMinutes: number;
  downMinutes: number;
  energyKwh?: number | null;
}

/** The processes a firm runs (its capabilities' and its lines'), in the standard's order. */
export function firmProcesses(
  capabilities: ReadonlyArray<{ process: ProcessType }>,
  lines: ReadonlyArray<{ processes: readonly ProcessType[] }>,
): ProcessType[] {
  const runs = new Set<ProcessType>([...capabilities.map((c) => c.process), ...lines.flatMap((l) => l.processes)]);
  return PROCESS_TYPES.filter((p) => runs.has(p));
}

function capacityRow(b: CapacityBucketLike): CapacityRow {
  return {
    process: b.process,
    weekStart: b.weekStart,
    actualHours: b.actualHours,
    maximumHours: b.maximumHours,
    ...(b.pricePerHour != null ? { pricePerHour: b.pricePerHour } : {}),
  };
}

/** The calendar as stored: one row per bucket, by process then week. */
export function capacityExportRows(buckets: readonly CapacityBucketLike[]): CapacityRow[] {
  const order = (p: ProcessType) => PROCESS_TYPES.indexOf(p);
  return [...buckets].sort((a, b) => order(a.process) - order(b.process) || a.weekStart.localeCompare(b.weekStart)).map(capacityRow);
}

/**
 * The filled template: every process the firm runs × every week asked for, with the hours and
 * price on file where there are some and blanks to fill in where there are none.
 */
export function capacityTemplateRows(
  processes: readonly ProcessType[],
  weeks: readonly string[],
  buckets: readonly CapacityBucketLike[],
): Array<SheetRowDraft<'capacity'>> {
  const onFile = new Map(buckets.map((b) => [`${b.process}|${b.weekStart}`, b]));
  return processes.flatMap((process) =>
    weeks.map((weekStart) => {
      const bucket = onFile.get(`${process}|${weekStart}`);
      return bucket ? capacityRow(bucket) : { process, weekStart };
    }),
  );
}

/** A figure the reader may not see (null) stays blank: never written as a zero. */
function productionRow(r: ProductionRecordLike): SheetRowDraft<'production'> {
  return {
    lineId: r.lineId,
    shiftStart: r.shiftStart,
    goodQuantity: r.goodQuantity,
    scrapQuantity: r.scrapQuantity ?? null,
    runMinutes: r.runMinutes,
    downMinutes: r.downMinutes,
    energyKwh: r.energyKwh ?? null,
  };
}

/** Records as stored, by shift then line (weekly totals, lineId "*", are not records and are left out). */
export function productionExportRows(records: readonly ProductionRecordLike[]): Array<SheetRowDraft<'production'>> {
  return records
    .filter((r) => r.lineId !== '*')
    .sort((a, b) => Date.parse(a.shiftStart) - Date.parse(b.shiftStart) || a.lineId.localeCompare(b.lineId))
    .map(productionRow);
}

/** The filled template: the records on file, or one row per line to start from when there are none. */
export function productionTemplateRows(lineIds: readonly string[], records: readonly ProductionRecordLike[]): Array<SheetRowDraft<'production'>> {
  const rows = productionExportRows(records);
  return rows.length ? rows : lineIds.map((lineId) => ({ lineId }));
}
