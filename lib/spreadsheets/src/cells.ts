import { PROCESS_TYPES, type ProcessType } from '@clustergraph/schema/values';
import { parseWeek } from '@clustergraph/sdk';
import { API_CATALOGUES, LANGUAGES, type Catalogue } from '@clustergraph/i18n';
import { RowProblemCode, type MessageParams } from './errors.ts';
import { SHOP_FLOOR_UTC_OFFSET_MINUTES, type CellType } from './columns.ts';

/** A cell as read from either format: XLSX gives numbers, dates and formula errors; CSV gives text. */
export type CellValue = string | number | boolean | Date | null | { error: string };

export type Converted = { ok: true; value: string | number } | { ok: false; code: RowProblemCode; message: string; params: MessageParams };

const OFFSET_MS = SHOP_FLOOR_UTC_OFFSET_MINUTES * 60_000;

export function isBlank(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

const fail = (code: RowProblemCode, message: string, params: MessageParams = {}): Converted => ({ ok: false, code, message, params });

/** What the cell shows, for messages ("text “abc” where a number belongs"). */
export function shownText(cell: CellValue): string {
  if (cell instanceof Date) return cell.toISOString();
  if (cell !== null && typeof cell === 'object') return cell.error;
  return String(cell);
}

/** Digits with an optional decimal point; thousands grouped by commas ("1,234.5"); a leading ₩ is allowed. */
const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

function toNumber(cell: CellValue): Converted {
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? { ok: true, value: cell } : fail(RowProblemCode.NOT_A_NUMBER, 'not a finite number', { text: String(cell) });
  if (typeof cell === 'string') {
    const text = cell.trim().replace(/^₩\s*/, '');
    if (NUMBER_TEXT.test(text)) return { ok: true, value: Number(text.replace(/,/g, '')) };
  }
  const text = shownText(cell!);
  return fail(RowProblemCode.NOT_A_NUMBER, `“${text}” is not a number`, { text });
}

function toInteger(cell: CellValue): Converted {
  const number = toNumber(cell);
  if (!number.ok) return number;
  return Number.isInteger(number.value)
    ? number
    : fail(RowProblemCode.NOT_A_WHOLE_NUMBER, `${number.value} is not a whole number`, { text: String(number.value) });
}

const processKey = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** A process by its code (HEAT_TREATMENT), or its name in English or Korean (Heat treatment, 열처리), as the clients show it. */
const PROCESS_BY_NAME: ReadonlyMap<string, ProcessType> = (() => {
  const names = new Map<string, ProcessType>(PROCESS_TYPES.map((p) => [processKey(p), p]));
  for (const language of LANGUAGES) {
    const labels = ((API_CATALOGUES[language]['api']?.['enum'] as Catalogue | undefined)?.['ProcessType'] ?? {}) as Catalogue;
    for (const process of PROCESS_TYPES) {
      const label = labels[process];
      if (typeof label === 'string') names.set(processKey(label), process);
    }
  }
  return names;
})();

function toProcess(cell: CellValue): Converted {
  const text = shownText(cell!).trim();
  const process = PROCESS_BY_NAME.get(processKey(text));
  if (process) return { ok: true, value: process };
  return fail(RowProblemCode.UNKNOWN_PROCESS, `“${text}” is not a process (${PROCESS_TYPES.join(', ')})`, { text, processes: PROCESS_TYPES.join(', ') });
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 2026-12-14, 2026/12/14, 2026.12.14 and the Korean 2026. 12. 14. */
const DATE_TEXT = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$/;

function dateOf(year: number, month: number, day: number): string | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? isoDate(ms) : null;
}

function toWeek(cell: CellValue): Converted {
  // An Excel date cell: ExcelJS gives the calendar day as UTC midnight.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? fail(RowProblemCode.NOT_A_WEEK, 'not a date') : { ok: true, value: isoDate(cell.getTime()) };
  const text = shownText(cell!).trim();
  const date = DATE_TEXT.exec(text);
  if (date) {
    const day = dateOf(Number(date[1]), Number(date[2]), Number(date[3]));
    if (day) return { ok: true, value: day };
  } else if (/^\d{4}-W\d{1,2}$/i.test(text)) {
    const week = Number(text.slice(6));
    if (week >= 1 && week <= 53) return { ok: true, value: parseWeek(text) };
  }
  return fail(RowProblemCode.NOT_A_WEEK, `“${text}” is not a week: write its Monday (2026-12-14) or the ISO week (2026-W51)`, { text });
}

/** "2026-12-07 06:00", "2026-12-07T06:00:00" (shop-floor time) or with a zone ("…+09:00", "…Z"). */
const TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function toInstant(cell: CellValue): Converted {
  // An Excel date-time cell has no zone: ExcelJS gives its wall time as if UTC; it is shop-floor time.
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime())
      ? fail(RowProblemCode.NOT_A_TIME, 'not a time')
      : { ok: true, value: new Date(cell.getTime() - OFFSET_MS).toISOString() };
  const text = shownText(cell!).trim();
  const match = TIME_TEXT.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, zone] = match;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
    const valid = dateOf(Number(y), Number(mo), Number(d)) !== null && Number(h) < 24;
    if (valid) {
      let offsetMs = OFFSET_MS;
      if (zone && zone.toUpperCase() === 'Z') offsetMs = 0;
      else if (zone) {
        const digits = zone.replace(':', '');
        offsetMs = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
      }
      return { ok: true, value: new Date(wall - offsetMs).toISOString() };
    }
  }
  return fail(RowProblemCode.NOT_A_TIME, `“${text}” is not a date and time (2026-12-07 06:00, Korean time, or with its zone)`, { text });
}

function toText(cell: CellValue): Converted {
  return { ok: true, value: shownText(cell!).trim() };
}

/** Reads a non-blank cell as its column's type. */
export function convertCell(cell: CellValue, type: CellType): Converted {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
    return fail(RowProblemCode.CELL_ERROR, `the cell shows the error ${cell.error}`, { text: cell.error });
  }
  switch (type) {
    case 'number':
      return toNumber(cell);
    case 'integer':
      return toInteger(cell);
    case 'process':
      return toProcess(cell);
    case 'week':
      return toWeek(cell);
    case 'instant':
      return toInstant(cell);
    case 'text':
      return toText(cell);
    default: {
      const unreachable: never = type;
      throw new Error(`unknown cell type ${String(unreachable)}`);
    }
  }
}

/** The cell to write for a value (XLSX keeps dates as dates; CSV gets text). */
export function cellFor(value: unknown, type: CellType, format: 'xlsx' | 'csv'): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'week':
      return format === 'xlsx' ? new Date(`${String(value)}T00:00:00Z`) : String(value);
    case 'instant': {
      const wall = new Date(Date.parse(String(value)) + OFFSET_MS);
      if (format === 'xlsx') return wall;
      return `${wall.toISOString().slice(0, 16)}${offsetLabel()}`;
    }
    case 'number':
    case 'integer':
      return Number(value);
    case 'process':
    case 'text':
      return String(value);
    default: {
      const unreachable: never = type;
      throw new Error(`unknown cell type ${String(unreachable)}`);
    }
  }
}

function offsetLabel(): string {
  const minutes = Math.abs(SHOP_FLOOR_UTC_OFFSET_MINUTES);
  const sign = SHOP_FLOOR_UTC_OFFSET_MINUTES < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
