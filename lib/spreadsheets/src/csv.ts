import Papa from 'papaparse';
import { SpreadsheetError, SpreadsheetErrorCode } from './errors.ts';
import type { SheetLimits } from './limits.ts';
import type { SheetTable } from './table.ts';

const BOM = '\uFEFF';

/**
 * The text of a CSV file: UTF-8 (with or without a BOM), or CP949/EUC-KR, which Korean Excel
 * writes for "CSV (쉼표로 분리)". Bytes that are neither, or that hold NUL characters, are not a CSV.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw notText();
  for (const encoding of ['utf-8', 'euc-kr']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return text.startsWith(BOM) ? text.slice(1) : text;
    } catch {
      // next encoding
    }
  }
  throw notText();
}

function notText(): SpreadsheetError {
  return new SpreadsheetError(SpreadsheetErrorCode.NOT_A_SPREADSHEET, 'not a spreadsheet: neither an Excel workbook (.xlsx) nor CSV text (UTF-8 or CP949)');
}

/** Lines of the text, counted without parsing (an upper bound on its rows). */
function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Parses at most the header and `maxRows + 1` rows: a longer file is refused without reading the rest. */
export function readCsvTable(bytes: Uint8Array, limits: SheetLimits): SheetTable {
  const text = decodeCsv(bytes).replace(/\s+$/, '');
  const result = Papa.parse<string[]>(text, { preview: limits.maxRows + 2, delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  if (result.meta.truncated) {
    const rows = lineCount(text) - 1;
    throw new SpreadsheetError(SpreadsheetErrorCode.TOO_MANY_ROWS, `the file has about ${rows} rows; at most ${limits.maxRows} can be imported at once`, {
      rows,
      limit: limits.maxRows,
    });
  }
  const fatal = result.errors.find((e) => e.code !== 'UndetectableDelimiter');
  if (fatal) {
    throw new SpreadsheetError(SpreadsheetErrorCode.UNREADABLE, `the CSV does not parse at row ${(fatal.row ?? 0) + 1}: ${fatal.message}`, {
      row: (fatal.row ?? 0) + 1,
    });
  }
  return { format: 'csv', rows: result.data.map((cells, i) => ({ sheetRow: i + 1, cells })) };
}

/** CSV text with a BOM (so Excel opens Korean headers as UTF-8) and CRLF line ends. */
export function writeCsv(header: string[], rows: Array<Array<string | number | null>>): Uint8Array {
  const body = Papa.unparse({ fields: header, data: rows.map((r) => r.map((c) => c ?? '')) }, { newline: '\r\n', escapeFormulae: true });
  return new TextEncoder().encode(`${BOM}${body}\r\n`);
}
