import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readSheet, writeSheet, type SheetRowDraft } from '@clustergraph/spreadsheets';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, type TestCluster } from '@clustergraph/test';
import { buildConsole, launchChromium, screenshotPath } from './support/browser.ts';
import { signInAs, waitForOrExplain } from './support/consoleSession.ts';

// The firm's own page in the console, as the gateway serves it (under its CSP): download the
// filled template, upload a changed copy → the report → Import → the calendar has the new hours.
// A bad file gets its problems by row and column and the Import button stays off.

describe('console: spreadsheets in and out', () => {
  let cluster: TestCluster;
  let browser: Browser;
  let page: Page;
  let castAdmin: string;
  const browserErrors: string[] = [];
  const from = mondayFromNow(0);

  const calendar = async () =>
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($from: Date!, $to: Date!) { member(id: "cast") { capacity(from: $from, to: $to) { process weekStart actualHours maximumHours } } }`,
        { from, to: mondayFromNow(3) },
        { token: castAdmin, purpose: 'JOINT_PLANNING' },
      ),
    )['member'].capacity as Array<{ weekStart: string; actualHours: number }>;

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster();
    castAdmin = await cluster.token('admin@cast');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'en-US' });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.dispose();
  });

  it('downloads the filled template, uploads a changed copy, shows the report, imports every row', async () => {
    await signInAs(page, `${cluster.gatewayOrigin}/console/`, 'admin@cast');
    await page.goto(`${cluster.gatewayOrigin}/console/#/members/cast`);
    const panel = page.getByTestId('sheet-capacity');
    await panel.waitFor();
    await panel.getByLabel('Weeks').selectOption('4');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('sheet-template').click()]);
    expect(download.suggestedFilename()).toBe(`capacity-cast-template-${from}.xlsx`);
    const template = await readSheet('capacity', readFileSync((await download.path())!));
    expect(template.rows.map((r) => r.value.weekStart)).toEqual([0, 1, 2, 3].map(mondayFromNow));

    const changed: Array<SheetRowDraft<'capacity'>> = template.rows.map((r, i) => ({ ...r.value, actualHours: 60 + i, maximumHours: 150 }));
    const upload = await writeSheet('capacity', changed, { format: 'xlsx', language: 'ko' });
    await panel.getByTestId('sheet-file').setInputFiles({
      name: '다음달 생산능력.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(upload),
    });
    const report = panel.getByTestId('sheet-report');
    await report.getByText('Every row passes').waitFor({ timeout: 20_000 });
    await expect.poll(() => report.textContent()).toContain('4 rows checked by the member');
    expect((await calendar()).map((b) => b.actualHours)).toEqual([120, 120, 120, 120]); // nothing written yet
    await page.screenshot({ path: screenshotPath('spreadsheets-report'), fullPage: false });

    await panel.getByTestId('sheet-import').click();
    await panel.getByTestId('sheet-done').getByText('Imported 4 rows.').waitFor({ timeout: 20_000 });
    expect((await calendar()).map((b) => b.actualHours)).toEqual([60, 61, 62, 63]);
  });

  it('a bad file: the problems by row and column, Import stays off, nothing is written', async () => {
    const before = await calendar();
    const panel = page.getByTestId('sheet-capacity');
    const csv = ['Process,Week (Monday),Actual hours,Maximum hours', `CASTING,${mondayFromNow(1)},lots,150`, `CASTING,${mondayFromNow(2)},500,600`].join('\n');
    await panel.getByTestId('sheet-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const problems = panel.getByTestId('sheet-problems');
    await problems.waitFor({ timeout: 20_000 });
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('2C · Actual hours“lots” is not a number');
    expect(rows.some((r) => r.startsWith('3C · Actual hours500 h exceeds 168 h'))).toBe(true);
    expect(await panel.getByTestId('sheet-import').isDisabled()).toBe(true);
    expect(await calendar()).toEqual(before);

    await panel
      .getByTestId('sheet-file')
      .setInputFiles({ name: 'photo.xlsx', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
    await expect.poll(() => panel.getByTestId('sheet-refused').textContent()).toContain('photo.xlsx was refused: not a spreadsheet');
  });

  it('exports what is stored, with no CSP violation and no page error', async () => {
    const panel = page.getByTestId('sheet-capacity');
    await panel.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('sheet-export').click()]);
    const parsed = await readSheet('capacity', readFileSync((await download.path())!));
    expect(parsed.format).toBe('csv');
    expect(parsed.rows.map((r) => r.value.actualHours).slice(0, 4)).toEqual([60, 61, 62, 63]);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.slice())).toEqual([]);
    expect(browserErrors).toEqual([]);
  });

  it('in Korean: the panel, the template’s headers and the problems are Korean; a file with English headers is read too', async () => {
    const korean = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'ko-KR' });
    korean.on('pageerror', (error) => browserErrors.push(error.message));
    try {
      await signInAs(korean, `${cluster.gatewayOrigin}/console/`, 'planner@cast');
      await korean.goto(`${cluster.gatewayOrigin}/console/#/members/cast`);
      const panel = korean.getByTestId('sheet-capacity');
      await waitForOrExplain(korean, panel.getByText('생산능력 계획 스프레드시트'));
      const [download] = await Promise.all([korean.waitForEvent('download'), panel.getByTestId('sheet-template').click()]);
      const template = await readSheet('capacity', readFileSync((await download.path())!));
      expect(template.columns.map((c) => c.header)).toEqual(['공정', '주 시작일 (월요일)', '실제 생산능력 (시간)', '최대 생산능력 (시간)', '시간당 단가 (원)']);

      const csv = ['Process,Week (Monday),Actual hours,Maximum hours', `CASTING,${mondayFromNow(1)},lots,150`].join('\n');
      await panel.getByTestId('sheet-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await panel.getByTestId('sheet-problems').waitFor({ timeout: 20_000 });
      expect(await panel.getByTestId('sheet-problems').locator('tbody tr').first().textContent()).toContain('“lots”은(는) 숫자가 아닙니다');
      await korean.screenshot({ path: screenshotPath('spreadsheets-report-ko'), fullPage: false });
    } finally {
      await korean.close();
    }
    expect(browserErrors).toEqual([]);
  });
});
