import { describe, expect, it } from 'vitest';
import {
  CAPACITY_SHEET,
  PRODUCTION_SHEET,
  RowProblemCode,
  allProblems,
  capacityExportRows,
  capacityTemplateRows,
  firmProcesses,
  productionExportRows,
  productionTemplateRows,
  readSheet,
  readyToImport,
  writeSheet,
  type CapacityRow,
  type SheetFormat,
  type SheetLanguage,
} from '../src/index.ts';
import { csv, excelWorkbook } from './files.ts';

// The parser on honest files: English and Korean headers, XLSX and CSV (UTF-8 and the CP949
// that Korean Excel writes), Excel's own date cells, and export → import round trips.

const EN = CAPACITY_SHEET.columns.map((c) => c.headers.en);
const KO = CAPACITY_SHEET.columns.map((c) => c.headers.ko);

const buckets: CapacityRow[] = [
  { process: 'CASTING', weekStart: '2026-12-14', actualHours: 120, maximumHours: 150, pricePerHour: 70_000 },
  { process: 'CASTING', weekStart: '2026-12-21', actualHours: 80.5, maximumHours: 150 },
  { process: 'HEAT_TREATMENT', weekStart: '2026-12-14', actualHours: 100, maximumHours: 140, pricePerHour: 50_000 },
];

const records = [
  { lineId: 'cast-1', shiftStart: '2026-12-07T21:00:00.000Z', goodQuantity: 900, scrapQuantity: 12, runMinutes: 420, downMinutes: 60, energyKwh: 310.5 },
  { lineId: 'cast-2', shiftStart: '2026-12-07T21:00:00.000Z', goodQuantity: 750, scrapQuantity: 3, runMinutes: 450, downMinutes: 30 },
  { lineId: 'cast-1', shiftStart: '2026-12-08T05:00:00.000Z', goodQuantity: 880, scrapQuantity: 20, runMinutes: 400, downMinutes: 80, energyKwh: 290 },
];

describe('reading a capacity calendar', () => {
  it.each<[string, string[]]>([
    ['English', EN],
    ['Korean', KO],
  ])('reads a CSV with %s headers into the standard input, noting each row’s number', async (_name, header) => {
    const text = [header.join(','), 'CASTING,2026-12-14,120,150,"70,000"', 'heat treatment,2026-W51,100,140,', ''].join('\r\n');
    const parsed = await readSheet('capacity', csv(text));
    expect(parsed.problems).toEqual([]);
    expect(parsed.format).toBe('csv');
    expect(parsed.rows).toEqual([
      { sheetRow: 2, value: { process: 'CASTING', weekStart: '2026-12-14', actualHours: 120, maximumHours: 150, pricePerHour: 70_000 } },
      { sheetRow: 3, value: { process: 'HEAT_TREATMENT', weekStart: '2026-12-14', actualHours: 100, maximumHours: 140 } },
    ]);
    expect(parsed.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('reads a workbook with Excel date cells, formulas and columns in another order, headers by field name too', async () => {
    const bytes = await excelWorkbook([
      ['maximumHours', '주 시작일 (월요일)', 'Process', 'actual hours'],
      [150, new Date(Date.UTC(2026, 11, 14)), 'CASTING', { formula: 'A2*0.8', result: 120 }],
    ]);
    const parsed = await readSheet('capacity', bytes);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([{ sheetRow: 2, value: { process: 'CASTING', weekStart: '2026-12-14', actualHours: 120, maximumHours: 150 } }]);
  });

  it('reads the CP949 (EUC-KR) CSV that Korean Excel saves', async () => {
    const header = KO.join(',');
    const text = `${header}\r\nCASTING,2026. 12. 14.,120,150,70000\r\n`;
    // 공정 … in CP949: built with the platform's encoder through a round trip of known bytes.
    const bytes = encodeCp949(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const parsed = await readSheet('capacity', bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]!.value).toEqual({ process: 'CASTING', weekStart: '2026-12-14', actualHours: 120, maximumHours: 150, pricePerHour: 70_000 });
  });

  it('reads a process by its code or its name in English or Korean, as the clients show it', async () => {
    const text = [
      KO.join(','),
      '열처리,2026-12-14,1,2,',
      'CNC 가공,2026-12-14,1,2,',
      'Surface treatment,2026-12-14,1,2,',
      'cnc_machining,2026-12-21,1,2,',
    ].join('\n');
    const parsed = await readSheet('capacity', csv(text));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.value.process)).toEqual(['HEAT_TREATMENT', 'CNC_MACHINING', 'SURFACE_TREATMENT', 'CNC_MACHINING']);
  });

  it('skips rows that set nothing (a template’s blank weeks) and reports a missing value in a row that sets something', async () => {
    const text = [EN.join(','), 'CASTING,2026-12-14,,,', ',,,,', 'CASTING,2026-12-21,100,,', 'CASTING,2026-12-28,100,120,'].join('\n');
    const parsed = await readSheet('capacity', csv(text));
    expect(parsed.skipped).toBe(2);
    expect(parsed.rows.map((r) => r.sheetRow)).toEqual([5]);
    expect(parsed.problems).toEqual([
      { row: 4, column: 'D', header: 'Maximum hours', code: RowProblemCode.MISSING_VALUE, message: 'a value is needed here', params: {} },
    ]);
  });

  it('maps the member’s problems (input index, field) to the sheet’s row and column, and is ready only without any', async () => {
    const text = [EN.join(','), 'CASTING,2026-12-14,,,', 'CASTING,2026-12-21,100,120,', 'FORGING,2026-12-21,100,120,'].join('\n');
    const parsed = await readSheet('capacity', csv(text));
    const report = { problems: [{ index: 1, field: 'process', message: 'FORGING is not a process this firm runs' }] };
    expect(allProblems(parsed, report)).toEqual([
      { row: 4, column: 'A', header: 'Process', code: RowProblemCode.REFUSED_BY_MEMBER, message: 'FORGING is not a process this firm runs', params: {} },
    ]);
    expect(readyToImport(parsed, report)).toBe(false);
    expect(readyToImport(parsed, { problems: [] })).toBe(true);
    expect(readyToImport(parsed, null)).toBe(false);
  });
});

describe('round trips: what is exported reads back as the same rows', () => {
  const cases: Array<[SheetFormat, SheetLanguage]> = [
    ['xlsx', 'en'],
    ['xlsx', 'ko'],
    ['csv', 'en'],
    ['csv', 'ko'],
  ];

  it.each(cases)('capacity as %s with %s headers', async (format, language) => {
    const rows = capacityExportRows(buckets);
    const bytes = await writeSheet('capacity', rows, { format, language, processes: ['CASTING', 'HEAT_TREATMENT'] });
    const parsed = await readSheet('capacity', bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.format).toBe(format);
    expect(parsed.columns.map((c) => c.header)).toEqual(CAPACITY_SHEET.columns.map((c) => c.headers[language]));
    expect(parsed.rows.map((r) => r.value)).toEqual(rows);
  });

  it.each(cases)('production records as %s with %s headers (shift times in KST)', async (format, language) => {
    const rows = productionExportRows(records);
    const bytes = await writeSheet('production', rows, { format, language });
    if (format === 'csv') expect(new TextDecoder().decode(bytes)).toContain('2026-12-08T06:00+09:00');
    const parsed = await readSheet('production', bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.columns.map((c) => c.header)).toEqual(PRODUCTION_SHEET.columns.map((c) => c.headers[language]));
    expect(parsed.rows.map((r) => r.value)).toEqual(records);
  });

  it('the filled template has every process × week, blanks where nothing is on file, and imports only the filled rows', async () => {
    const processes = firmProcesses([{ process: 'HEAT_TREATMENT' }], [{ processes: ['CASTING'] }]);
    expect(processes).toEqual(['CASTING', 'HEAT_TREATMENT']);
    const template = capacityTemplateRows(processes, ['2026-12-14', '2026-12-21'], buckets);
    expect(template).toEqual([buckets[0], buckets[1], buckets[2], { process: 'HEAT_TREATMENT', weekStart: '2026-12-21' }]);
    const parsed = await readSheet('capacity', await writeSheet('capacity', template, { format: 'xlsx', language: 'ko', processes }));
    expect(parsed.skipped).toBe(1);
    expect(parsed.rows.map((r) => r.value)).toEqual(buckets);
  });

  it('a production template without records has one row per line to fill in; weekly totals are never exported as records', () => {
    expect(productionTemplateRows(['cast-1', 'cast-2'], [])).toEqual([{ lineId: 'cast-1' }, { lineId: 'cast-2' }]);
    expect(productionExportRows([{ ...records[0]!, lineId: '*' }])).toEqual([]);
  });

  it('a withheld figure (null) is written blank, never as a zero', async () => {
    const rows = productionExportRows([{ ...records[1]!, scrapQuantity: null }]);
    const text = new TextDecoder().decode(await writeSheet('production', rows, { format: 'csv', language: 'en' }));
    expect(text.split('\r\n')[1]).toBe('cast-2,2026-12-08T06:00+09:00,750,,450,30,');
  });
});

/** CP949 bytes of the text: ASCII as is, the Korean headers from a table of their code points. */
function encodeCp949(text: string): Uint8Array {
  // The decoder is the platform's; the encoder is this table, checked by decoding it back.
  const table: Record<string, number[]> = {};
  for (const ch of new Set(text)) {
    if (ch.charCodeAt(0) < 0x80) continue;
    table[ch] = findCp949(ch);
  }
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table[ch]!));
  const out = new Uint8Array(bytes);
  expect(new TextDecoder('euc-kr').decode(out)).toBe(text);
  return out;
}

function findCp949(ch: string): number[] {
  const decoder = new TextDecoder('euc-kr');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x41; trail <= 0xfe; trail++) {
      if (decoder.decode(new Uint8Array([lead, trail])) === ch) return [lead, trail];
    }
  }
  throw new Error(`no CP949 code for ${ch}`);
}
