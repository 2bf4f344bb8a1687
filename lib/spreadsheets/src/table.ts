import type { CellValue } from './cells.ts';
import type { SheetFormat } from './columns.ts';

/** A sheet as rows of cells, before any column is known: what the XLSX and CSV readers produce. */
export interface SheetTable {
  format: SheetFormat;
  /** Rows in sheet order; `sheetRow` is the number the spreadsheet shows (1 = the first row). */
  rows: Array<{ sheetRow: number; cells: CellValue[] }>;
}
