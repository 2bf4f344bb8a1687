import { RowProblemCode } from './errors.ts';
import type { SheetKind, SheetRows } from './columns.ts';
import type { ParsedSheet, RowProblem } from './readSheet.ts';

/** A problem as the member's import mutation reports it: input index and field. */
export interface MemberImportProblem {
  index?: number | null;
  field: string;
  message: string;
}

/** The member's report on an import (ImportReport in the standard). */
export interface MemberImportReport {
  dryRun: boolean;
  rows: number;
  written: number;
  problems: readonly MemberImportProblem[];
}

/** What the file's rows become as the member's input: the rows that read cleanly, in order. */
export function importInput<K extends SheetKind>(parsed: ParsedSheet<K>): Array<SheetRows[K]> {
  return parsed.rows.map((r) => r.value);
}

/** The member's problems in the spreadsheet's words: its row number and the column of the field. */
export function memberProblemsAsRows<K extends SheetKind>(parsed: ParsedSheet<K>, problems: readonly MemberImportProblem[]): RowProblem[] {
  return problems.map((p) => {
    const row = p.index != null ? (parsed.rows[p.index]?.sheetRow ?? null) : null;
    const column = parsed.columns.find((c) => c.field === p.field);
    return {
      row,
      column: column?.letter ?? null,
      header: column?.header ?? null,
      code: RowProblemCode.REFUSED_BY_MEMBER,
      message: p.message,
      params: {},
    };
  });
}

/** Every problem of an upload, the file's own and the member's, by row then column. */
export function allProblems<K extends SheetKind>(parsed: ParsedSheet<K>, report?: Pick<MemberImportReport, 'problems'> | null): RowProblem[] {
  const problems = [...parsed.problems, ...(report ? memberProblemsAsRows(parsed, report.problems) : [])];
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''));
}

/** True when the upload may be imported: rows to write and no problem anywhere. */
export function readyToImport<K extends SheetKind>(parsed: ParsedSheet<K>, report: Pick<MemberImportReport, 'problems'> | null | undefined): boolean {
  return parsed.rows.length > 0 && parsed.problems.length === 0 && report != null && report.problems.length === 0;
}
