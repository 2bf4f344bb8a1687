import type { Workbook } from 'exceljs';
import type { CellValue } from './cells.ts';
import { SpreadsheetError, SpreadsheetErrorCode } from './errors.ts';
import type { SheetLimits } from './limits.ts';
import type { SheetTable } from './table.ts';
import { checkArchive } from './zipGuard.ts';
import { countRows, firstSheetPath, isWorkbook, isWorkbookPart } from './workbookParts.ts';

/**
 * XLSX through ExcelJS, loaded on first use: the console fetches its chunk only when someone
 * opens or saves a workbook. ExcelJS is CommonJS; bundlers and Node hand it over as `default`.
 */
async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const module = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return module.default ?? module;
}

export async function newWorkbook(): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ClusterGraph';
  return workbook;
}

export async function workbookBytes(workbook: Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** What ExcelJS gives for a cell, as one of the plain values the parser reads. */
function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if ('error' in cell) return { error: String(cell['error']) };
    // A formula: the value Excel computed and saved with it (none saved: blank).
    if ('formula' in cell || 'sharedFormula' in cell) return plainCell(cell['result']);
    if (Array.isArray(cell['richText'])) return (cell['richText'] as Array<{ text?: unknown }>).map((run) => String(run.text ?? '')).join('');
    if ('text' in cell) return plainCell(cell['text']);
  }
  return String(value);
}

function tooManyRows(rows: number, limits: SheetLimits): SpreadsheetError {
  return new SpreadsheetError(SpreadsheetErrorCode.TOO_MANY_ROWS, `the sheet has ${rows} rows; at most ${limits.maxRows} can be imported at once`, {
    rows,
    limit: limits.maxRows,
  });
}

/** The first sheet of a workbook, after the archive checks and the row count (see zipGuard.ts). */
export async function readXlsxTable(bytes: Uint8Array, limits: SheetLimits): Promise<SheetTable> {
  const archive = checkArchive(bytes, limits, isWorkbookPart);
  if (!isWorkbook(archive.entries.map((e) => e.name))) {
    throw new SpreadsheetError(SpreadsheetErrorCode.NOT_A_SPREADSHEET, 'a zip archive, but not an Excel workbook (.xlsx)');
  }
  const decoder = new TextDecoder();
  const parts = new Map([...archive.kept].map(([name, data]) => [name, decoder.decode(data)]));
  const first = firstSheetPath(parts);
  // Where the first sheet cannot be told, every sheet must fit.
  const sheets = first && parts.has(first) ? [parts.get(first)!] : [...parts].filter(([name]) => name.startsWith('xl/worksheets/')).map(([, xml]) => xml);
  const rows = Math.max(0, ...sheets.map(countRows));
  if (rows - 1 > limits.maxRows) throw tooManyRows(rows - 1, limits);

  const workbook = await newWorkbook();
  try {
    // JSZip (inside ExcelJS) reads a Uint8Array as it is, in Node and in browsers; the typings say Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new SpreadsheetError(SpreadsheetErrorCode.UNREADABLE, `the workbook cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError(SpreadsheetErrorCode.NO_HEADER_ROW, 'the workbook has no sheet');
  const table: SheetTable = { format: 'xlsx', rows: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = plainCell(cell.value);
    });
    table.rows.push({ sheetRow: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  if (table.rows.length - 1 > limits.maxRows) throw tooManyRows(table.rows.length - 1, limits);
  return table;
}
