import { convertCell, isBlank, type CellValue } from './cells.ts';
import { columnForHeader, columnLetter, sheetSpec, type ColumnSpec, type SheetFormat, type SheetKind, type SheetRows } from './columns.ts';
import { RowProblemCode, SpreadsheetError, SpreadsheetErrorCode, type MessageParams } from './errors.ts';
import { sheetLimits, type SheetLimits } from './limits.ts';
import { readCsvTable } from './csv.ts';
import { readXlsxTable } from './xlsx.ts';
import { isZip } from './zipGuard.ts';
import type { SheetTable } from './table.ts';

/** Where a column of the uploaded file is, and which input field it fills. */
export interface FoundColumn {
  field: string;
  /** The header as written in the file. */
  header: string;
  /** A, B, C… */
  letter: string;
}

/** One problem of one row (or of the input as a whole: row null), in the words of the spreadsheet. */
export interface RowProblem {
  /** The row number the spreadsheet shows; null for a problem of the whole input. */
  row: number | null;
  /** Column letter and header; null when the problem is the row's, not one cell's. */
  column: string | null;
  header: string | null;
  code: RowProblemCode;
  message: string;
  params: MessageParams;
}

export interface ParsedRow<K extends SheetKind> {
  sheetRow: number;
  value: SheetRows[K];
}

export interface ParsedSheet<K extends SheetKind> {
  kind: K;
  format: SheetFormat;
  /** Rows that read cleanly, in sheet order: what is sent to the member (input index = position here). */
  rows: Array<ParsedRow<K>>;
  problems: RowProblem[];
  /** Rows that set nothing: blank, or only the process and week (line and shift) filled in. */
  skipped: number;
  columns: FoundColumn[];
}

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectFormat(bytes: Uint8Array): SheetFormat {
  if (isZip(bytes)) return 'xlsx';
  if (OLE2_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new SpreadsheetError(SpreadsheetErrorCode.OLD_EXCEL_FORMAT, 'an Excel 97–2003 workbook (.xls): save it as .xlsx or CSV and upload that');
  }
  return 'csv';
}

async function readTable(bytes: Uint8Array, limits: SheetLimits): Promise<SheetTable> {
  if (bytes.length === 0) throw new SpreadsheetError(SpreadsheetErrorCode.NOT_A_SPREADSHEET, 'the file is empty');
  if (bytes.length > limits.maxFileBytes) {
    throw new SpreadsheetError(SpreadsheetErrorCode.FILE_TOO_LARGE, `the file has ${bytes.length} bytes; at most ${limits.maxFileBytes} are read`, {
      bytes: bytes.length,
      limit: limits.maxFileBytes,
    });
  }
  return detectFormat(bytes) === 'xlsx' ? readXlsxTable(bytes, limits) : readCsvTable(bytes, limits);
}

const headerText = (cell: CellValue | undefined) => (isBlank(cell) ? '' : String(cell instanceof Date ? cell.toISOString() : cell).trim());

/** Matches the header row to the sheet's columns; a missing, unknown or repeated column refuses the file. */
function mapColumns<K extends SheetKind>(kind: K, header: CellValue[], dataRows: SheetTable['rows']): Map<number, ColumnSpec<K>> {
  const spec = sheetSpec(kind);
  const byPosition = new Map<number, ColumnSpec<K>>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const width = Math.max(header.length, ...dataRows.map((r) => r.cells.length));
  for (let i = 0; i < width; i++) {
    const text = headerText(header[i]);
    if (!text) {
      if (dataRows.some((r) => !isBlank(r.cells[i]))) unknown.push(`column ${columnLetter(i + 1)} (values without a header)`);
      continue;
    }
    const column = columnForHeader(spec, text);
    if (!column) unknown.push(`“${text}”`);
    else if ([...byPosition.values()].includes(column)) repeated.push(`“${text}”`);
    else byPosition.set(i, column);
  }
  const expected = (language: 'en' | 'ko') => spec.columns.map((c) => c.headers[language]).join(', ');
  if (unknown.length) {
    throw new SpreadsheetError(SpreadsheetErrorCode.UNKNOWN_COLUMNS, `unknown columns ${unknown.join(', ')}; the ${kind} sheet has: ${expected('en')}`, {
      columns: unknown.join(', '),
      expected: expected('en'),
      expectedKo: expected('ko'),
    });
  }
  if (repeated.length) {
    throw new SpreadsheetError(SpreadsheetErrorCode.DUPLICATE_COLUMNS, `columns given twice: ${repeated.join(', ')}`, { columns: repeated.join(', ') });
  }
  const found = new Set(byPosition.values());
  const missing = spec.columns.filter((c) => c.required && !found.has(c));
  if (missing.length) {
    const names = missing.map((c) => `“${c.headers.en}” (${c.headers.ko})`).join(', ');
    throw new SpreadsheetError(SpreadsheetErrorCode.MISSING_COLUMNS, `missing columns ${names}; the ${kind} sheet has: ${expected('en')}`, {
      columns: names,
      expected: expected('en'),
      expectedKo: expected('ko'),
    });
  }
  return byPosition;
}

const keyOf = (kind: SheetKind, value: Record<string, unknown>) =>
  kind === 'capacity' ? `${value['process']}|${value['weekStart']}` : `${value['lineId']}|${value['shiftStart']}`;

/**
 * Reads a capacity calendar or production records from XLSX or CSV bytes. Throws
 * SpreadsheetError when the file as a whole is refused (not a spreadsheet, a zip bomb, too many
 * rows, wrong columns); otherwise returns the rows that read cleanly and a problem per bad cell
 * (text in a number cell, a week given twice…). Nothing here talks to a member.
 */
export async function readSheet<K extends SheetKind>(kind: K, bytes: Uint8Array, limitOverrides: Partial<SheetLimits> = {}): Promise<ParsedSheet<K>> {
  const limits = sheetLimits(limitOverrides);
  const table = await readTable(bytes, limits);
  const headerIndex = table.rows.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (headerIndex === -1) throw new SpreadsheetError(SpreadsheetErrorCode.NO_HEADER_ROW, 'the sheet is empty: the first row must name the columns');
  const header = table.rows[headerIndex]!.cells;
  const dataRows = table.rows.slice(headerIndex + 1);
  if (dataRows.length > limits.maxRows) {
    throw new SpreadsheetError(SpreadsheetErrorCode.TOO_MANY_ROWS, `the sheet has ${dataRows.length} rows; at most ${limits.maxRows} can be imported at once`, {
      rows: dataRows.length,
      limit: limits.maxRows,
    });
  }
  const columns = mapColumns(kind, header, dataRows);
  const found: FoundColumn[] = [...columns].map(([i, c]) => ({ field: c.field, header: headerText(header[i]), letter: columnLetter(i + 1) }));

  const parsed: ParsedSheet<K> = { kind, format: table.format, rows: [], problems: [], skipped: 0, columns: found };
  const firstRowOfKey = new Map<string, number>();
  for (const { sheetRow, cells } of dataRows) {
    const entries = [...columns].map(([i, column]) => ({ column, cell: cells[i] ?? null, letter: columnLetter(i + 1), header: headerText(header[i]) }));
    if (entries.every((e) => e.column.key || isBlank(e.cell))) {
      parsed.skipped++;
      continue;
    }
    const value: Record<string, unknown> = {};
    const problems: RowProblem[] = [];
    for (const { column, cell, letter, header: columnHeader } of entries) {
      const at = { row: sheetRow, column: letter, header: columnHeader };
      if (isBlank(cell)) {
        if (column.required) problems.push({ ...at, code: RowProblemCode.MISSING_VALUE, message: 'a value is needed here', params: {} });
        continue;
      }
      const converted = convertCell(cell, column.type);
      if (converted.ok) value[column.field] = converted.value;
      else problems.push({ ...at, code: converted.code, message: converted.message, params: converted.params });
    }
    if (problems.length) {
      parsed.problems.push(...problems);
      continue;
    }
    const key = keyOf(kind, value);
    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      const what = kind === 'capacity' ? 'process and week' : 'line and shift';
      parsed.problems.push({
        row: sheetRow,
        column: null,
        header: null,
        code: RowProblemCode.DUPLICATE_ROW,
        message: `the same ${what} as row ${earlier}`,
        params: { earlierRow: earlier, kind },
      });
      continue;
    }
    firstRowOfKey.set(key, sheetRow);
    parsed.rows.push({ sheetRow, value: value as unknown as SheetRows[K] });
  }
  return parsed;
}
