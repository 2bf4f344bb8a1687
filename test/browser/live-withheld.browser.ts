import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { partnerDemoPolicies, startTestCluster, testMember, withPolicies, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';

// Issue 14 §1 in the console: the leader's planner on Live lines while one firm withholds its
// line status: "withheld by …" in grey, one line per firm, never "interrupted" (the socket is
// up), the sharing firms' events on the board; a revocation and a grant while the page is open
// change the withheld lines without a reload.
describe('web console: live lines under partial sharing', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  const api = async (login: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token(login)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const report = (memberId: string, state: string, reasonCode: string) =>
    api(`admin@${memberId}`, 'mutation($e:[LineEventInput!]!){reportLineEvents(events:$e){accepted}}', {
      e: [{ eventId: `browser-${memberId}-${Date.now()}-${Math.random()}`, lineId: `${memberId}-line-1`, state, reasonCode }],
    });
  const pageText = () => page.locator('body').innerText();

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster({
      members: [
        testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }),
        withPolicies(
          testMember('cast', 'Cast Partner Co.', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }),
          partnerDemoPolicies(),
        ),
        // Shares nothing of its line status.
        testMember('mold', 'Mold Partner Co.', ['PARTNER'], 'Busan', { INJECTION_MOLDING: { actual: 80, maximum: 90, price: 45_000 } }),
      ],
    });
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  it('says "withheld by" in grey for the withholding firm, streams the others, and never "interrupted"', async () => {
    await page.goto(server.url);
    await page.locator('[data-login="planner@lead"]').click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('lead');
    await page.locator('header nav').getByRole('link', { name: 'Live lines', exact: true }).click();
    const withheld = page.getByTestId('live-withheld');
    await withheld
      .getByTestId('withheld-mold')
      .getByText(/withheld by Mold Partner Co\./)
      .waitFor();
    expect(await withheld.locator('> div').count()).toBe(1);
    // Grey (the page's muted colour), not the alarm red.
    expect(await withheld.getByTestId('withheld-mold').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(107, 119, 133)');
    expect(await page.locator('.api-errors').count()).toBe(0);

    // The sharing firm's events reach the board while mold withholds.
    const tile = page.getByTestId('tile-cast-line-1');
    await tile.waitFor();
    await expect
      .poll(
        async () => {
          await report('cast', 'DOWN', 'JAM');
          return tile.getAttribute('data-state');
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe('DOWN');
    await page.waitForTimeout(2000);
    expect(await page.getByTestId('live-connection').textContent()).toBe('● live');
    expect(await pageText()).not.toMatch(/interrupted/i);
    await page.screenshot({ path: screenshotPath('console-live-withheld'), fullPage: true });
  });

  it('adds a firm that revokes and removes it when it grants again, without a reload', async () => {
    const revoked = await api('admin@cast', 'mutation { revokeSharing(memberId: "cast", policyId: "seed-line-status-leader-monitoring-raw") { id } }');
    expect(revoked['revokeSharing'].id).toBe('seed-line-status-leader-monitoring-raw');
    await page
      .getByTestId('withheld-cast')
      .getByText(/withheld by Cast Partner Co\./)
      .waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('live-withheld').locator('> div').count()).toBe(2);
    expect(await pageText()).not.toMatch(/interrupted/i);

    await api('admin@cast', 'mutation { grantSharing(memberId: "cast", input: { category: LINE_STATUS, grantee: "LEADER", purpose: MONITORING }) { id } }');
    await page.getByTestId('withheld-cast').waitFor({ state: 'detached', timeout: 10_000 });
    const tile = page.getByTestId('tile-cast-line-1');
    await expect
      .poll(
        async () => {
          await report('cast', 'IDLE', 'AFTER_GRANT');
          return tile.getAttribute('data-state');
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe('IDLE');
    expect(await page.getByTestId('withheld-mold').count()).toBe(1);
    expect(await page.getByTestId('live-connection').textContent()).toBe('● live');
    expect(await pageText()).not.toMatch(/interrupted/i);
    expect(browserErrors).toEqual([]);
  });
});
