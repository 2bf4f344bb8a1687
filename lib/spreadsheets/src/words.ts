import { RowProblemCode, type MessageParams, type SpreadsheetErrorCode } from './errors.ts';
import type { SheetLanguage } from './columns.ts';
import type { RowProblem } from './readSheet.ts';

/**
 * The clients' words for the package's problems. Each client keeps the messages in its own
 * catalogue, namespace "spreadsheets" (`rowProblem.<code>`, `fileError.<code>`), and translates
 * by code; the package's English message is the fallback. A problem the member reported keeps
 * the member's message, as API errors do.
 */
export type SheetTranslate = (key: string, values?: Record<string, unknown>) => string;

export function rowProblemText(t: SheetTranslate, problem: RowProblem): string {
  if (problem.code === RowProblemCode.REFUSED_BY_MEMBER) return problem.message;
  return t(`spreadsheets:rowProblem.${problem.code}`, { ...problem.params, defaultValue: problem.message });
}

export function fileErrorText(
  t: SheetTranslate,
  error: { code: SpreadsheetErrorCode; message: string; params: MessageParams },
  language: SheetLanguage,
): string {
  // The sheet's columns in the reader's language (the package gives both).
  const expected = language === 'ko' ? error.params['expectedKo'] : error.params['expected'];
  return t(`spreadsheets:fileError.${error.code}`, { ...error.params, ...(expected !== undefined ? { expected } : {}), defaultValue: error.message });
}
