import type { ProcessType } from '@clustergraph/schema/values';
import { cellFor } from './cells.ts';
import { sheetSpec, type SheetFormat, type SheetKind, type SheetLanguage, type SheetRows } from './columns.ts';
import { writeCsv } from './csv.ts';
import { newWorkbook, workbookBytes } from './xlsx.ts';

/** A row to write: a template leaves the values blank for the firm to fill in. */
export type SheetRowDraft<K extends SheetKind> = { [F in keyof SheetRows[K]]?: SheetRows[K][F] | null };

export interface WriteSheetOptions {
  format: SheetFormat;
  /** Headers and the sheet's name in this language (the import reads both). */
  language: SheetLanguage;
  /** XLSX: the process column offers these in a drop-down (the processes the firm runs). */
  processes?: readonly ProcessType[];
}

const NUMBER_FORMATS: Partial<Record<string, string>> = { week: 'yyyy-mm-dd', instant: 'yyyy-mm-dd hh:mm' };

/** A capacity calendar or production records as an XLSX workbook or CSV file, headers in the given language. */
export async function writeSheet<K extends SheetKind>(kind: K, rows: ReadonlyArray<SheetRowDraft<K>>, options: WriteSheetOptions): Promise<Uint8Array> {
  const spec = sheetSpec(kind);
  const header = spec.columns.map((c) => c.headers[options.language]);
  const cells = (format: SheetFormat) =>
    rows.map((row) => spec.columns.map((c) => cellFor((row as unknown as Record<string, unknown>)[c.field], c.type, format)));
  if (options.format === 'csv') return writeCsv(header, cells('csv') as Array<Array<string | number | null>>);

  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(spec.sheetName[options.language], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.headers[options.language],
    key: c.field,
    width: c.width,
    style: { numFmt: NUMBER_FORMATS[c.type] ?? 'General' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(cells('xlsx'));
  const processColumn = spec.columns.findIndex((c) => c.type === 'process');
  if (processColumn !== -1 && options.processes?.length) {
    const letter = String.fromCharCode(65 + processColumn);
    // Room for rows the firm adds below the template's.
    const lastRow = Math.max(rows.length + 1, 500);
    const validation = {
      type: 'list' as const,
      allowBlank: true,
      formulae: [`"${options.processes.join(',')}"`],
      showErrorMessage: true,
      errorTitle: options.language === 'ko' ? '공정' : 'Process',
      error: options.processes.join(', '),
    };
    // Cell by cell (ExcelJS's documented way); it writes identical neighbours as one range.
    for (let row = 2; row <= lastRow; row++) sheet.getCell(`${letter}${row}`).dataValidation = validation;
  }
  return workbookBytes(workbook);
}

/** `capacity-cast-2026-12-14.xlsx` */
export function sheetFileName(kind: SheetKind, memberId: string, label: string, format: SheetFormat): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-');
  return `${kind}-${safe(memberId)}-${safe(label)}.${format}`;
}

export const SHEET_MEDIA_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

/** The format a file name asks for (.xlsx or .csv), or null. */
export function formatOfFileName(name: string): SheetFormat | null {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension === 'xlsx' || extension === 'csv' ? extension : null;
}
