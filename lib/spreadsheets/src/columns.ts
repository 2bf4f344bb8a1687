import type { ProcessType } from '@clustergraph/schema/values';

/** The two kinds of sheet: the capacity calendar (process × week) and production records (line × shift). */
export type SheetKind = 'capacity' | 'production';
export type SheetLanguage = 'en' | 'ko';
export type SheetFormat = 'xlsx' | 'csv';

/** One row of the capacity calendar: the standard's CapacityInput. */
export interface CapacityRow {
  process: ProcessType;
  /** Monday of the ISO week, YYYY-MM-DD. */
  weekStart: string;
  actualHours: number;
  maximumHours: number;
  /** Left out: the price on file stays. */
  pricePerHour?: number;
}

/** One shift of one line: the standard's ProductionRecordInput. */
export interface ProductionRow {
  lineId: string;
  /** ISO 8601 instant. */
  shiftStart: string;
  goodQuantity: number;
  scrapQuantity: number;
  runMinutes: number;
  downMinutes: number;
  energyKwh?: number;
}

export interface SheetRows {
  capacity: CapacityRow;
  production: ProductionRow;
}

/** How a cell is read and written. */
export type CellType = 'process' | 'week' | 'number' | 'integer' | 'text' | 'instant';

export interface ColumnSpec<K extends SheetKind = SheetKind> {
  /** The input field the column fills; a member's problem with that field is shown on this column. */
  field: keyof SheetRows[K] & string;
  headers: Record<SheetLanguage, string>;
  type: CellType;
  /** Needed in every row that sets anything. */
  required: boolean;
  /** Names the row (process and week; line and shift) rather than setting a value. */
  key: boolean;
  /** Column width in the XLSX, in characters. */
  width: number;
}

export interface SheetSpec<K extends SheetKind = SheetKind> {
  kind: K;
  sheetName: Record<SheetLanguage, string>;
  columns: ReadonlyArray<ColumnSpec<K>>;
}

/**
 * A time without a zone (an Excel date-time cell, "2026-12-07 06:00") is the shop floor's local
 * time: Korea, UTC+9 all year (no daylight saving).
 */
export const SHOP_FLOOR_UTC_OFFSET_MINUTES = 9 * 60;
export const SHOP_FLOOR_ZONE_LABEL = 'KST';

export const CAPACITY_SHEET: SheetSpec<'capacity'> = {
  kind: 'capacity',
  sheetName: { en: 'Capacity', ko: '생산능력' },
  columns: [
    { field: 'process', headers: { en: 'Process', ko: '공정' }, type: 'process', required: true, key: true, width: 20 },
    { field: 'weekStart', headers: { en: 'Week (Monday)', ko: '주 시작일 (월요일)' }, type: 'week', required: true, key: true, width: 16 },
    { field: 'actualHours', headers: { en: 'Actual hours', ko: '실제 생산능력 (시간)' }, type: 'number', required: true, key: false, width: 18 },
    { field: 'maximumHours', headers: { en: 'Maximum hours', ko: '최대 생산능력 (시간)' }, type: 'number', required: true, key: false, width: 18 },
    { field: 'pricePerHour', headers: { en: 'Price per hour (KRW)', ko: '시간당 단가 (원)' }, type: 'number', required: false, key: false, width: 20 },
  ],
};

export const PRODUCTION_SHEET: SheetSpec<'production'> = {
  kind: 'production',
  sheetName: { en: 'Production', ko: '생산 실적' },
  columns: [
    { field: 'lineId', headers: { en: 'Line', ko: '라인' }, type: 'text', required: true, key: true, width: 16 },
    { field: 'shiftStart', headers: { en: 'Shift start (KST)', ko: '교대 시작 (KST)' }, type: 'instant', required: true, key: true, width: 20 },
    { field: 'goodQuantity', headers: { en: 'Good quantity', ko: '양품 수량' }, type: 'integer', required: true, key: false, width: 14 },
    { field: 'scrapQuantity', headers: { en: 'Scrap quantity', ko: '불량 수량' }, type: 'integer', required: true, key: false, width: 14 },
    { field: 'runMinutes', headers: { en: 'Run minutes', ko: '가동 시간 (분)' }, type: 'number', required: true, key: false, width: 14 },
    { field: 'downMinutes', headers: { en: 'Down minutes', ko: '정지 시간 (분)' }, type: 'number', required: true, key: false, width: 14 },
    { field: 'energyKwh', headers: { en: 'Energy (kWh)', ko: '에너지 (kWh)' }, type: 'number', required: false, key: false, width: 14 },
  ],
};

export const SHEETS: { [K in SheetKind]: SheetSpec<K> } = { capacity: CAPACITY_SHEET, production: PRODUCTION_SHEET };

export function sheetSpec<K extends SheetKind>(kind: K): SheetSpec<K> {
  return SHEETS[kind];
}

/** Headers compare without case, spaces, underscores or the unit in brackets' spacing. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_]+/g, '');
}

/** The column a header names: its English or Korean header, or the input field's own name. */
export function columnForHeader<K extends SheetKind>(spec: SheetSpec<K>, header: string): ColumnSpec<K> | undefined {
  const wanted = normaliseHeader(header);
  return spec.columns.find((c) => [c.headers.en, c.headers.ko, c.field].some((name) => normaliseHeader(name) === wanted));
}

/** A = 1, Z = 26, AA = 27: the column letters a spreadsheet shows. */
export function columnLetter(position: number): string {
  let letters = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
