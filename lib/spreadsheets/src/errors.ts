/**
 * What can be wrong with an uploaded spreadsheet. A file-level problem refuses the whole file
 * (SpreadsheetError, nothing is sent to the member); a row-level problem names the row and the
 * column, and the import is refused until every row passes. The clients translate by code and
 * fall back to the English message; `params` holds the values the message names.
 */
export const SpreadsheetErrorCode = {
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  NOT_A_SPREADSHEET: 'NOT_A_SPREADSHEET',
  OLD_EXCEL_FORMAT: 'OLD_EXCEL_FORMAT',
  SUSPICIOUS_ARCHIVE: 'SUSPICIOUS_ARCHIVE',
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  NO_HEADER_ROW: 'NO_HEADER_ROW',
  MISSING_COLUMNS: 'MISSING_COLUMNS',
  UNKNOWN_COLUMNS: 'UNKNOWN_COLUMNS',
  DUPLICATE_COLUMNS: 'DUPLICATE_COLUMNS',
  UNREADABLE: 'UNREADABLE',
} as const;
export type SpreadsheetErrorCode = (typeof SpreadsheetErrorCode)[keyof typeof SpreadsheetErrorCode];

export const RowProblemCode = {
  MISSING_VALUE: 'MISSING_VALUE',
  NOT_A_NUMBER: 'NOT_A_NUMBER',
  NOT_A_WHOLE_NUMBER: 'NOT_A_WHOLE_NUMBER',
  NOT_A_WEEK: 'NOT_A_WEEK',
  NOT_A_TIME: 'NOT_A_TIME',
  UNKNOWN_PROCESS: 'UNKNOWN_PROCESS',
  CELL_ERROR: 'CELL_ERROR',
  DUPLICATE_ROW: 'DUPLICATE_ROW',
  /** A problem the member found (its bounds: horizon, lines, hours per week…); the message is the member's. */
  REFUSED_BY_MEMBER: 'REFUSED_BY_MEMBER',
} as const;
export type RowProblemCode = (typeof RowProblemCode)[keyof typeof RowProblemCode];

export type MessageParams = Record<string, string | number>;

/** A whole file refused before any row is looked at (or sent anywhere). */
export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
    readonly params: MessageParams = {},
  ) {
    super(message);
  }
}

export const isSpreadsheetError = (error: unknown): error is SpreadsheetError => error instanceof SpreadsheetError;
