import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CAPACITY_SHEET, RowProblemCode, SpreadsheetErrorCode, isSpreadsheetError, readSheet, type SpreadsheetError } from '../src/index.ts';
import { csv, excelWorkbook, handmadeXlsx, lieAboutSizes, sheetRowXml } from './files.ts';

// Every kind of bad file: refused with a clear error (a file-level code, or a problem naming the
// row and column). The tests that need it prove the refusal came before the expensive part: the
// file is built so that reading on would have failed differently.

const EN = CAPACITY_SHEET.columns.map((c) => c.headers.en);

async function refusal(bytes: Uint8Array, kind: 'capacity' | 'production' = 'capacity'): Promise<SpreadsheetError> {
  try {
    await readSheet(kind, bytes);
  } catch (error) {
    if (isSpreadsheetError(error)) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('wrong or missing columns', () => {
  it('refuses a missing required column, naming it in English and Korean', async () => {
    const error = await refusal(csv('Process,Week (Monday),Actual hours\nCASTING,2026-12-14,100\n'));
    expect(error.code).toBe(SpreadsheetErrorCode.MISSING_COLUMNS);
    expect(error.message).toContain('“Maximum hours” (최대 생산능력 (시간))');
  });

  it('refuses an unknown column and lists the sheet’s columns', async () => {
    const error = await refusal(csv(`${EN.join(',')},Colour\nCASTING,2026-12-14,100,120,,red\n`));
    expect(error.code).toBe(SpreadsheetErrorCode.UNKNOWN_COLUMNS);
    expect(error.message).toContain('“Colour”');
    expect(error.message).toContain('Process, Week (Monday), Actual hours, Maximum hours, Price per hour (KRW)');
  });

  it('refuses values under a column without a header, and a column given twice (once in Korean)', async () => {
    expect((await refusal(csv(`${EN.join(',')},\nCASTING,2026-12-14,100,120,,7\n`))).message).toContain('column F (values without a header)');
    const twice = await refusal(csv(`${EN.join(',')},실제 생산능력 (시간)\nCASTING,2026-12-14,100,120,,100\n`));
    expect(twice.code).toBe(SpreadsheetErrorCode.DUPLICATE_COLUMNS);
  });

  it('refuses a production sheet given as capacity (the columns tell)', async () => {
    const error = await refusal(csv('Line,Shift start (KST),Good quantity,Scrap quantity,Run minutes,Down minutes\ncast-1,2026-12-07 06:00,1,0,1,0\n'));
    expect(error.code).toBe(SpreadsheetErrorCode.UNKNOWN_COLUMNS);
  });

  it('refuses an empty sheet', async () => {
    expect((await refusal(csv('\n,,,\n'))).code).toBe(SpreadsheetErrorCode.NO_HEADER_ROW);
  });
});

describe('bad cells: a problem per row and column, the row is not sent', () => {
  it('text in number cells, an unknown process, a week that is no date, an Excel error value', async () => {
    const bytes = await excelWorkbook([
      EN,
      ['CASTING', '2026-12-14', 'about 100', 120],
      ['MELTING', '2026-12-21', 100, 120],
      ['CASTING', 'next week', 100, 120],
      ['CASTING', '2027-01-04', { formula: '1/0', result: { error: '#DIV/0!' } }, 120],
      ['CASTING', '2027-01-11', 100, 120, '₩70,000'],
    ]);
    const parsed = await readSheet('capacity', bytes);
    expect(parsed.problems.map((p) => [p.row, p.column, p.header, p.code])).toEqual([
      [2, 'C', 'Actual hours', RowProblemCode.NOT_A_NUMBER],
      [3, 'A', 'Process', RowProblemCode.UNKNOWN_PROCESS],
      [4, 'B', 'Week (Monday)', RowProblemCode.NOT_A_WEEK],
      [5, 'C', 'Actual hours', RowProblemCode.CELL_ERROR],
    ]);
    expect(parsed.problems[0]!.message).toBe('“about 100” is not a number');
    expect(parsed.rows.map((r) => r.sheetRow)).toEqual([6]);
    expect(parsed.rows[0]!.value.pricePerHour).toBe(70_000);
  });

  it('a week given twice names the row that gave it first (also when written differently)', async () => {
    const parsed = await readSheet('capacity', csv(`${EN.join(',')}\nCASTING,2026-12-14,100,120,\nCASTING,2026-W51,90,120,\nFORGING,2026-12-14,90,120,\n`));
    expect(parsed.problems).toEqual([
      {
        row: 3,
        column: null,
        header: null,
        code: RowProblemCode.DUPLICATE_ROW,
        message: 'the same process and week as row 2',
        params: { earlierRow: 2, kind: 'capacity' },
      },
    ]);
    expect(parsed.rows.map((r) => r.sheetRow)).toEqual([2, 4]);
  });

  it('production: fractional quantities, a time that is not one, a line and shift twice', async () => {
    const text = [
      'Line,Shift start (KST),Good quantity,Scrap quantity,Run minutes,Down minutes,Energy (kWh)',
      'cast-1,2026-12-07 06:00,10.5,0,400,20,',
      'cast-1,yesterday,10,0,400,20,',
      'cast-1,2026-12-07T06:00+09:00,10,0,400,20,',
      'cast-1,2026-12-06T21:00:00Z,10,0,400,20,',
    ].join('\n');
    const parsed = await readSheet('production', csv(text));
    expect(parsed.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'C', RowProblemCode.NOT_A_WHOLE_NUMBER],
      [3, 'B', RowProblemCode.NOT_A_TIME],
      [5, null, RowProblemCode.DUPLICATE_ROW],
    ]);
    expect(parsed.rows).toEqual([
      {
        sheetRow: 4,
        value: { lineId: 'cast-1', shiftStart: '2026-12-06T21:00:00.000Z', goodQuantity: 10, scrapQuantity: 0, runMinutes: 400, downMinutes: 20 },
      },
    ]);
  });
});

describe('100,000 rows: refused above the row limit before the rest is parsed', () => {
  it('CSV: stops after the limit (a broken quote further down is never reached)', async () => {
    const lines = [EN.join(',')];
    for (let i = 0; i < 100_000; i++) lines.push(i === 50_000 ? 'CASTING,"2026-12-14,1,2,' : 'CASTING,2026-12-14,1,2,');
    const error = await refusal(csv(lines.join('\n')));
    expect(error.code).toBe(SpreadsheetErrorCode.TOO_MANY_ROWS);
    expect(error.message).toBe('the file has about 100000 rows; at most 500 can be imported at once');
  });

  it('XLSX: counted in the sheet’s XML before ExcelJS reads it (a broken tail it would choke on is never parsed)', async () => {
    const rows = [sheetRowXml(1, EN)];
    for (let i = 2; i <= 100_001; i++)
      rows.push(sheetRowXml(i, ['CASTING', `${2027 + (i % 9)}-W${String((i % 52) + 1).padStart(2, '0')}`, i % 97, (i * 13) % 89]));
    const error = await refusal(handmadeXlsx(rows.join(''), '<unclosed'));
    expect(error.code).toBe(SpreadsheetErrorCode.TOO_MANY_ROWS);
    expect(error.params).toEqual({ rows: 100_000, limit: 500 });
    // The same tail on a small sheet is ExcelJS's to find: so the large one never got that far.
    const small = await refusal(handmadeXlsx([sheetRowXml(1, EN), sheetRowXml(2, ['CASTING', '2026-12-14', 1, 2])].join(''), '<unclosed'));
    expect(small.code).toBe(SpreadsheetErrorCode.UNREADABLE);
  });

  it('accepts exactly the limit', async () => {
    const rows = [sheetRowXml(1, EN)];
    for (let i = 0; i < 500; i++) rows.push(sheetRowXml(i + 2, ['CASTING', `${2027 + Math.floor(i / 52)}-W${String((i % 52) + 1).padStart(2, '0')}`, 1, 2]));
    const parsed = await readSheet('capacity', handmadeXlsx(rows.join('')));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(500);
  });
});

describe('zip bombs: sizes and ratio checked before inflating, inflation bounded by what entries declare', () => {
  it('refuses an entry whose declared ratio only a bomb reaches', async () => {
    const bomb = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(40 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(200_000);
    const error = await refusal(bomb);
    expect(error.code).toBe(SpreadsheetErrorCode.SUSPICIOUS_ARCHIVE);
    expect(error.message).toMatch(/xl\/worksheets\/sheet1\.xml would inflate \d+× \(at most 100×\)/);
  });

  it('refuses entries that declare more than 64 MiB together', async () => {
    const parts: Record<string, Uint8Array> = {};
    // 300 kB entries that declare 20 MiB each: a ratio below 100×, but 80 MiB by the fourth.
    let seed = 1;
    const noise = () => Uint8Array.from({ length: 300_000 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >>> 23);
    for (let i = 0; i < 5; i++) parts[`xl/media/image${i}.bin`] = noise();
    const zip = lieAboutSizes(zipSync(parts, { level: 0 }), 20 * 1024 * 1024);
    const error = await refusal(zip);
    expect(error.code).toBe(SpreadsheetErrorCode.SUSPICIOUS_ARCHIVE);
    expect(error.message).toContain('more than 67108864 bytes uncompressed');
  });

  it('stops inflating an entry that yields more than it declares (the sizes lie)', async () => {
    const honest = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(40 * 1024 * 1024),
    });
    const lying = lieAboutSizes(honest, 1000, 'xl/worksheets/sheet1.xml');
    const error = await refusal(lying);
    expect(error.code).toBe(SpreadsheetErrorCode.SUSPICIOUS_ARCHIVE);
    expect(error.message).toContain('inflates beyond the 1000 bytes it declares');
  });

  it('refuses a deflate stream that is not one', async () => {
    const garbage = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }, { level: 6 });
    const broken = garbage.slice();
    // The entry's data begins after its 30-byte local header and name: overwrite it.
    broken.fill(0xff, 30 + 'xl/workbook.xml'.length, 30 + 'xl/workbook.xml'.length + 4);
    const error = await refusal(broken);
    expect(error.code).toBe(SpreadsheetErrorCode.UNREADABLE);
  });

  it('a bare deflate of zeros is tiny: the sizes above are what honest spreadsheets never reach', () => {
    expect(deflateSync(new Uint8Array(40 * 1024 * 1024)).length).toBeLessThan(100_000);
  });
});

describe('not a spreadsheet at all', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

  it.each<[string, Uint8Array, string]>([
    ['an empty file', new Uint8Array(0), SpreadsheetErrorCode.NOT_A_SPREADSHEET],
    ['a PNG image', png, SpreadsheetErrorCode.NOT_A_SPREADSHEET],
    ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), SpreadsheetErrorCode.NOT_A_SPREADSHEET],
    ['an Excel 97–2003 .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), SpreadsheetErrorCode.OLD_EXCEL_FORMAT],
    ['a zip that is no workbook', zipSync({ 'notes.txt': strToU8('hello') }), SpreadsheetErrorCode.NOT_A_SPREADSHEET],
    ['a truncated workbook', zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }).slice(0, 40), SpreadsheetErrorCode.UNREADABLE],
    ['a PDF', csv('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n'), SpreadsheetErrorCode.UNKNOWN_COLUMNS],
  ])('%s', async (_name, bytes, code) => {
    expect((await refusal(bytes)).code).toBe(code);
  });

  it('refuses a file above 10 MiB before reading it', async () => {
    const error = await refusal(new Uint8Array(10 * 1024 * 1024 + 1));
    expect(error.code).toBe(SpreadsheetErrorCode.FILE_TOO_LARGE);
  });
});
