import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestCluster, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';
import { openPage, signInAs } from './support/consoleSession.ts';

// "Export my data" on the console's My data page (issue 18, README "Leaving a cluster"): the
// firm's admin downloads its archive; a user without the admin role does not get the button.
describe('web console: export my data', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster();
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  it('downloads the firm’s archive for its admin', async () => {
    await signInAs(page, server.url, 'admin@cast');
    await openPage(page, 'My data');
    const section = page.getByTestId('export-my-data');
    await section.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^clustergraph-cast-\d{8}T\d{6}Z\.ndjson\.gz$/);
    const [manifestLine] = gunzipSync(readFileSync((await download.path())!))
      .toString('utf8')
      .split('\n');
    expect(JSON.parse(manifestLine!)).toMatchObject({ format: 'clustergraph-member-export', memberId: 'cast' });
    await page.getByTestId('export-done').waitFor();
    expect(browserErrors).toEqual([]);
  });

  it('shows no export button to a user who is not the firm’s admin', async () => {
    await signInAs(page, server.url, 'planner@cast');
    await openPage(page, 'My data');
    await page.getByTestId('my-data-page').waitFor();
    expect(await page.getByTestId('export-my-data').count()).toBe(0);
  });
});
