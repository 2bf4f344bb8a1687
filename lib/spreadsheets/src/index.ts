// Spreadsheets in and out (issue 19): the capacity calendar and production records as XLSX
// (ExcelJS) and CSV (Papa Parse), read and written the same way by the console and the CLI.
export * from './errors.ts';
export * from './limits.ts';
export * from './columns.ts';
export { isBlank, type CellValue } from './cells.ts';
export { readSheet, detectFormat, type ParsedSheet, type ParsedRow, type RowProblem, type FoundColumn } from './readSheet.ts';
export { writeSheet, sheetFileName, formatOfFileName, SHEET_MEDIA_TYPES, type SheetRowDraft, type WriteSheetOptions } from './writeSheet.ts';
export * from './templates.ts';
export * from './report.ts';
export * from './words.ts';
