/**
 * The panel's words, in one place (moved into the console's i18n catalogues, namespace
 * "spreadsheets", once they exist). `{name}` is filled from params.
 */
export const SHEET_STRINGS = {
  capacityTitle: 'Capacity calendar as a spreadsheet',
  productionTitle: 'Production records as a spreadsheet',
  format: 'Format',
  weeks: 'Weeks',
  days: 'Days',
  downloadTemplate: 'Download template',
  export: 'Export',
  upload: 'Upload',
  reading: 'Reading {file}…',
  checked: '{rows} rows checked by the member',
  skipped: '{skipped} rows without values skipped',
  allPass: 'Every row passes: nothing has been written yet.',
  problems: '{count} problems: nothing can be imported until every row passes.',
  noRows: 'The file has no row that sets anything.',
  row: 'Row',
  column: 'Column',
  problem: 'Problem',
  import: 'Import {rows} rows',
  importing: 'Importing…',
  imported: 'Imported {written} rows.',
  refused: '{file} was refused: {message}. Nothing was written.',
  cancel: 'Start over',
} as const;

export type SheetStringKey = keyof typeof SHEET_STRINGS;

export function sheetText(key: SheetStringKey, params: Record<string, string | number> = {}): string {
  return SHEET_STRINGS[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
