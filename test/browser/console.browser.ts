import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestCluster, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';

// The console against a real cluster (gateway, cluster subgraph, three members as
// processes), driven by Debian's Chromium at 1280×800.
describe('web console', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    // The console sends only trusted documents (persisted ids), so the strictest setting must not change anything.
    cluster = await startTestCluster({ gatewayEnv: { TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS: 'true' } });
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  it('signs in as the leader and shows every member', async () => {
    await page.goto(server.url);
    await page.locator('[data-login="admin@lead"]').click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('lead');
    const table = page.getByTestId('members-table');
    for (const name of ['Lead Assembly Co.', 'Cast Partner Co.', 'Heat Partner Co.']) await table.getByText(name).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    await page.getByRole('heading', { name: 'Test EV Parts Cluster' }).waitFor();
    await page.screenshot({ path: screenshotPath('console-cluster'), fullPage: true });
  });

  it('sorts and filters the members table', async () => {
    const table = page.getByTestId('members-table');
    await table.getByRole('columnheader', { name: /Member/ }).click(); // now descending
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain('Lead Assembly Co.');
    await table.getByLabel('Filter rows').fill('casting');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain('Cast Partner Co.');
    await table.getByLabel('Filter rows').fill('');
  });

  it('finds who can do heat treatment with ≥ 40 h free', async () => {
    const search = page.getByTestId('capacity-search');
    await search.getByLabel('Process').selectOption('HEAT_TREATMENT');
    await search.getByLabel('Minimum free hours').fill('40');
    await search.getByRole('button', { name: 'Search' }).click();
    const results = search.getByTestId('search-results');
    await results.getByText('Heat Partner Co.').waitFor();
    expect(await results.textContent()).not.toContain('Cast Partner Co.');
    await search.getByLabel('Minimum free hours').fill('10000');
    await search.getByRole('button', { name: 'Search' }).click();
    await results.getByText(/Nobody has 10000 h/).waitFor();
    await search.screenshot({ path: screenshotPath('console-capacity-search') });
  });

  it('shows the capacity heat map and drills into a process and week', async () => {
    await page.locator('header nav').getByRole('link', { name: 'Capacity', exact: true }).click();
    const heatmap = page.getByTestId('capacity-heatmap');
    await heatmap.locator('canvas').first().waitFor();
    // Click the middle of the first week's column on the first process row (the grid
    // is inset 150 px left, 20 right, 10 top, 80 bottom; categories run bottom-up).
    const box = (await heatmap.locator('canvas').first().boundingBox())!;
    const gridWidth = box.width - 170;
    const gridHeight = box.height - 90;
    await page.mouse.click(box.x + 150 + gridWidth / 16, box.y + 10 + gridHeight - gridHeight / 6);
    const drill = page.getByTestId('capacity-drill');
    await drill.waitFor();
    expect(await drill.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('console-capacity'), fullPage: true });
  });

  it('drills into a member', async () => {
    await page.locator('header nav').getByRole('link', { name: 'Cluster', exact: true }).click();
    await page.getByTestId('members-table').getByRole('link', { name: 'Heat Partner Co.' }).click();
    const detail = page.getByTestId('member-page');
    await detail.getByRole('heading', { name: 'Heat Partner Co.' }).waitFor();
    await detail.getByText('heat-line-1').waitFor();
    await page.screenshot({ path: screenshotPath('console-member'), fullPage: true });
  });

  it('marks a member that is down as unreachable instead of failing', async () => {
    await cluster.members.get('cast')!.stop();
    await page.locator('header nav').getByRole('link', { name: 'Cluster', exact: true }).click();
    await page.reload();
    const table = page.getByTestId('members-table');
    await table.getByText('Heat Partner Co.').waitFor();
    await page.getByText('Cast Partner Co. unreachable').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('console-member-unreachable'), fullPage: true });
    expect(browserErrors).toEqual([]);
  });

  it('says the gateway is out of reach on a member page opened while it is down, and shows the page on “Try again” once it is back', async () => {
    const table = page.getByTestId('members-table');
    await table.getByText('Heat Partner Co.').waitFor();
    await cluster.gateway.stop();
    try {
      await table.getByRole('link', { name: 'Heat Partner Co.' }).click();
      // The console asks again a few times (0.5 s, then longer apart) before it raises the alarm.
      const alert = page.getByRole('alert');
      await alert.getByText(/Cannot reach the gateway/).waitFor({ timeout: 20_000 });
      await alert.getByRole('button', { name: 'Try again' }).waitFor();
      expect(await page.getByTestId('member-page').count()).toBe(0);
      await page.screenshot({ path: screenshotPath('console-member-gateway-down'), fullPage: true });
    } finally {
      await cluster.gateway.start();
    }
    await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
    const detail = page.getByTestId('member-page');
    await detail.getByRole('heading', { name: 'Heat Partner Co.' }).waitFor({ timeout: 20_000 });
    await detail.getByText('heat-line-1').waitFor();
    expect(browserErrors).toEqual([]);
  });
});
