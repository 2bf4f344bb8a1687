import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { readSheet, writeSheet } from '@clustergraph/spreadsheets';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, type TestCluster } from '@clustergraph/test';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cliSource = join(repoRoot, 'clients', 'cli', 'src', 'main.ts');
const cliBinary = join(repoRoot, 'clients', 'cli', 'dist', 'clustergraph.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// `clustergraph capacity import|export` and `production import|export` against a whole test
// cluster, as a firm's planner runs them: files relative to the directory they typed them in
// (INIT_CWD), --dry-run writes nothing, a bad file is refused with a clear error and exit 1.
describe('clustergraph capacity|production import|export', () => {
  let cluster: TestCluster;
  let workDir: string;
  let castAdmin: string;
  const from = mondayFromNow(1);

  const run = (args: string[], { binary = false }: { binary?: boolean } = {}) =>
    new Promise<Run>((done) => {
      const argv = binary ? [cliBinary, ...args] : ['--import', 'tsx', cliSource, ...args];
      execFile(
        process.execPath,
        argv,
        { cwd: repoRoot, env: { ...process.env, CLUSTERGRAPH_CONFIG: join(workDir, 'config.json'), INIT_CWD: workDir, NO_COLOR: '1' }, timeout: 60_000 },
        (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const calendar = async () =>
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($from: Date!, $to: Date!) { member(id: "cast") { capacity(from: $from, to: $to) { process weekStart actualHours maximumHours pricePerHour } } }`,
        { from, to: mondayFromNow(2) },
        { token: castAdmin, purpose: 'JOINT_PLANNING' },
      ),
    )['member'].capacity;

  beforeAll(async () => {
    execFileSync('pnpm', ['--silent', '--filter', '@clustergraph/cli', 'run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    workDir = mkdtempSync(join(tmpdir(), 'cg-cli-sheets-'));
    cluster = await startTestCluster();
    castAdmin = await cluster.token('admin@cast');
    const login = await run(['login', '--as', 'admin@cast', '--endpoint', cluster.gatewayUrl]);
    expect(login.code).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await cluster?.dispose();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('exports the calendar (the bundled binary too) and a filled template, relative to where the user is', async () => {
    const exported = await run(['capacity', 'export', '--from', from, '--weeks', '2', '--file', 'calendar.xlsx'], { binary: true });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Wrote 2 rows (2 weeks from ${from}) to ${join(workDir, 'calendar.xlsx')}`);
    const parsed = await readSheet('capacity', readFileSync(join(workDir, 'calendar.xlsx')));
    expect(parsed.rows.map((r) => r.value)).toEqual(await calendar());

    mkdirSync(join(workDir, 'plans'), { recursive: true });
    const template = await run(['capacity', 'export', '--template', '--from', from, '--weeks', '3', '--file', 'plans/template.csv']);
    expect(template.code).toBe(0);
    const text = readFileSync(join(workDir, 'plans', 'template.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFProcess,Week (Monday),Actual hours,Maximum hours,Price per hour (KRW)');
    expect(text.trim().split('\r\n')).toHaveLength(4);
  });

  it('--dry-run checks every row with the member and writes nothing; then the import writes them all', async () => {
    const before = await calendar();
    const rows = before.map((b: { weekStart: string }) => ({ ...b, actualHours: 95, maximumHours: 140 }));
    writeFileSync(join(workDir, 'next.xlsx'), await writeSheet('capacity', rows, { format: 'xlsx', language: 'ko' }));

    const dryRun = await run(['capacity', 'import', '--file', 'next.xlsx', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('2 rows checked by cast: all pass. Nothing was written (dry run).');
    expect(await calendar()).toEqual(before);

    const imported = await run(['capacity', 'import', '--file', 'next.xlsx']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 2 rows into cast's capacity calendar.");
    expect(await calendar()).toEqual(rows);
  });

  it('prints every problem by row and column, exits 1 and writes nothing', async () => {
    const before = await calendar();
    writeFileSync(
      join(workDir, 'bad.csv'),
      [
        'Process,Week (Monday),Actual hours,Maximum hours',
        `CASTING,${from},lots,150`,
        `CASTING,${mondayFromNow(2)},500,600`,
        `CASTING,${mondayFromNow(2)},10,20`,
      ].join('\n'),
    );
    const result = await run(['capacity', 'import', '--file', 'bad.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/│ 2\s+│ C \(Actual hours\)\s+│ “lots” is not a number/);
    expect(result.stdout).toMatch(/│ 3\s+│ C \(Actual hours\)\s+│ 500 h exceeds 168 h/);
    expect(result.stdout).toMatch(/│ 4\s+│\s+│ the same process and week as row 3/);
    expect(result.stdout).toContain('Nothing was written');
    expect(await calendar()).toEqual(before);

    const json = await run(['--json', 'capacity', 'import', '--file', 'bad.csv', '--dry-run']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      rows: 1,
      written: 0,
      dryRun: true,
      problems: expect.arrayContaining([expect.objectContaining({ row: 2, column: 'C' })]),
    });
  });

  it('speaks Korean with --lang ko: the problems, and the headers of what it writes', async () => {
    const result = await run(['--lang', 'ko', 'capacity', 'import', '--file', 'bad.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/│ 2\s+│ C \(Actual hours\)\s+│ “lots”은\(는\) 숫자가 아닙니다/);
    expect(result.stdout).toContain('아무것도 저장하지 않았습니다');
    const exported = await run(['--lang', 'ko', 'capacity', 'export', '--weeks', '1', '--file', 'calendar-ko.csv']);
    expect(exported.code).toBe(0);
    expect(readFileSync(join(workDir, 'calendar-ko.csv'), 'utf8').split('\r\n')[0]).toBe(
      '\uFEFF공정,주 시작일 (월요일),실제 생산능력 (시간),최대 생산능력 (시간),시간당 단가 (원)',
    );
  });

  it('refuses a file that is no spreadsheet, or a zip bomb, with a clear error', async () => {
    writeFileSync(join(workDir, 'photo.xlsx'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    const photo = await run(['capacity', 'import', '--file', 'photo.xlsx']);
    expect(photo.code).toBe(1);
    expect(photo.stderr).toContain(`error: ${join(workDir, 'photo.xlsx')}: not a spreadsheet`);
    expect(photo.stderr).toContain('Nothing was written.');

    writeFileSync(join(workDir, 'bomb.xlsx'), zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(20 * 1024 * 1024) }));
    const bomb = await run(['capacity', 'import', '--file', 'bomb.xlsx']);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('refused as a possible zip bomb');

    const missing = await run(['capacity', 'import', '--file', 'nowhere.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const wrongType = await run(['capacity', 'export', '--file', 'calendar.pdf']);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toContain('--file must name a .xlsx or .csv file');
    expect(existsSync(join(workDir, 'calendar.pdf'))).toBe(false);
  });

  it('production: imports shifts from a sheet and exports them again', async () => {
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      join(workDir, 'shifts.csv'),
      [
        '라인,교대 시작 (KST),양품 수량,불량 수량,가동 시간 (분),정지 시간 (분),에너지 (kWh)',
        `cast-line-1,${day} 10:00,640,4,420,30,120.5`,
        `cast-line-1,${day} 16:00,610,7,400,50,`,
      ].join('\n'),
    );
    const dryRun = await run(['production', 'import', '--file', 'shifts.csv', '--dry-run']);
    expect(dryRun.code).toBe(0);
    const imported = await run(['production', 'import', '--file', 'shifts.csv']);
    expect(imported.stdout).toContain("Imported 2 rows into cast's production records.");

    const exported = await run(['production', 'export', '--from', day, '--days', '1', '--file', 'out.csv']);
    expect(exported.code).toBe(0);
    const parsed = await readSheet('production', readFileSync(join(workDir, 'out.csv')));
    const ours = parsed.rows
      .map((r) => r.value)
      .filter((r) => r.lineId === 'cast-line-1' && [`${day}T10:00`, `${day}T16:00`].some((t) => Date.parse(`${t}+09:00`) === Date.parse(r.shiftStart)));
    expect(ours.map((r) => [r.goodQuantity, r.scrapQuantity, r.energyKwh])).toEqual([
      [640, 4, 120.5],
      [610, 7, undefined],
    ]);
  });
});
