import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mondayFromNow, startTestCluster, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';
import { openPage, signInAs, signInWhenListed as signInOnceListed } from './support/consoleSession.ts';

// Issue 18 in the console, in Debian's Chromium: a firm applies by itself to be hosted, the leader's
// admin approves it (choosing its roles) on the Members page, which provisions it on the cluster's
// member host; the new firm's admin fills in a line and
// its capacity on the Setup page and shares capacity with the leader, and the leader sees them;
// a rejected applicant reads the leader's reason.
describe('web console: joining the cluster', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  /** The applicant signs in on the sign-in page with its new firm id (applicant@<id>). */
  const applyAs = async (id: string) => {
    await page.goto(server.url);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible().catch(() => false)) await signOut.click();
    const form = page.getByTestId('apply-sign-in');
    await form.getByLabel('Your firm id').fill(id);
    await form.getByRole('button', { name: 'Apply to join' }).click();
    await page.getByTestId('join-page').waitFor();
  };

  const signInWhenListed = (login: string) => signInOnceListed(page, server.url, login);

  beforeAll(async () => {
    buildConsole();
    // The cluster's member host: the new firm asks to be hosted, so it has no server of its own.
    cluster = await startTestCluster({ memberHost: {} });
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  it('applies, is approved by the leader, sets up a line and capacity, and the leader sees them', async () => {
    await applyAs('weldco');
    const form = page.getByTestId('application-form');
    await form.getByLabel('Firm name').fill('Weld Works Co.');
    await form.getByLabel('Region').fill('Changwon');
    await form.getByLabel('process WELDING').check();
    await form.getByLabel('Host us (the cluster runs it for us)').check();
    await form.getByRole('button', { name: 'Apply' }).click();
    const status = page.getByTestId('application-status');
    await expect.poll(() => status.getByTestId('application-state').getAttribute('data-status')).toBe('PENDING');
    expect(await status.textContent()).toMatch(/welding/i);
    await page.screenshot({ path: screenshotPath('console-join-pending'), fullPage: true });

    // The leader's admin approves on the Members page, granting PARTNER.
    await signInAs(page, server.url, 'admin@lead');
    await openPage(page, 'Members');
    const application = page.getByTestId('application-weldco');
    await application.waitFor();
    expect(await application.textContent()).toContain('Weld Works Co.');
    await page.screenshot({ path: screenshotPath('console-members-admin'), fullPage: true });
    await application.getByRole('button', { name: 'Approve' }).click();
    // Provisioned on the member host: ACTIVE with the host's endpoint for the firm.
    await expect.poll(() => page.getByTestId('status-weldco').getAttribute('data-status'), { timeout: 30_000 }).toBe('ACTIVE');
    expect(await page.getByTestId('member-weldco').textContent()).toContain(`${cluster.memberHostUrl}/firms/weldco/graphql`);

    // The new firm's admin fills in its setup.
    await signInWhenListed('admin@weldco');
    await openPage(page, 'Setup');
    const lines = page.getByTestId('setup-lines');
    await lines.getByLabel('Line id').fill('weld-robot-2');
    await lines.getByLabel('Line name').fill('Robot welding cell 2');
    await lines.getByLabel('Units per hour').fill('12');
    await lines.getByLabel('line process WELDING').check();
    await lines.getByRole('button', { name: 'Save line' }).click();
    await lines.getByText('Robot welding cell 2').waitFor();

    const capacity = page.getByTestId('setup-capacity');
    await capacity.getByLabel('Capacity process').selectOption('WELDING');
    const nextWeek = mondayFromNow(1);
    const week = capacity.getByTestId(`capacity-week-${nextWeek}`);
    await week.getByLabel(/^actual hours/).fill('55');
    await week.getByLabel(/^maximum hours/).fill('70');
    await week.getByLabel(/^price per hour/).fill('42000');
    await capacity.getByRole('button', { name: 'Save capacity' }).click();
    await expect.poll(() => week.getByLabel(/^actual hours/).inputValue()).toBe('55');
    await page.screenshot({ path: screenshotPath('console-setup'), fullPage: true });

    // Capacity is the firm's to share: it grants it to the leader for joint planning (My data).
    await openPage(page, 'My data');
    const grant = page.getByTestId('grant-form');
    await grant.getByLabel('Grant category').selectOption('CAPACITY');
    await grant.getByLabel('Grantee').fill('LEADER');
    await grant.getByLabel('Grant purpose').selectOption('JOINT_PLANNING');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await page.getByTestId('policies-table').locator('tbody tr', { hasText: 'CAPACITY' }).waitFor();

    // The leader sees the new line on the firm's page, and the capacity the firm entered.
    await signInAs(page, server.url, 'admin@lead');
    await page.goto(`${server.url}#/members/weldco`);
    await page.reload();
    const memberPage = page.getByTestId('member-page');
    await memberPage.getByText('Robot welding cell 2').waitFor({ timeout: 45_000 });
    await expect.poll(() => page.getByTestId('member-capacity').locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('member-capacity').textContent()).not.toMatch(/withheld/);
    // The figures behind that chart, read as the leader's console reads them (JOINT_PLANNING).
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token('admin@lead')}`, 'x-clustergraph-purpose': 'JOINT_PLANNING' },
      body: JSON.stringify({
        query: `{ member(id: "weldco") { capacity(from: "${nextWeek}", to: "${nextWeek}", process: WELDING) { actualHours maximumHours } } }`,
      }),
    });
    expect((await res.json()).data.member.capacity).toEqual([{ actualHours: 55, maximumHours: 70 }]);
    await page.screenshot({ path: screenshotPath('console-join-leader-sees'), fullPage: true });
  }, 180_000);

  it('shows a rejected applicant the leader’s reason', async () => {
    await applyAs('nopeco');
    const form = page.getByTestId('application-form');
    await form.getByLabel('Firm name').fill('Nope Co.');
    await form.getByLabel('process PAINTING').check();
    await form.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('application-status').waitFor();

    const reason = 'The cluster has enough painting capacity this year.';
    await signInAs(page, server.url, 'admin@lead');
    await openPage(page, 'Members');
    const application = page.getByTestId('application-nopeco');
    await application.getByLabel('reject reason for nopeco').fill(reason);
    await application.getByRole('button', { name: 'Reject' }).click();
    await page.getByTestId('rejected-nopeco').waitFor();

    // The applicant comes back with its applicant sign-in, listed on the sign-in page.
    await signInWhenListed('applicant@nopeco');
    const status = page.getByTestId('application-status');
    await expect.poll(() => status.getByTestId('application-state').getAttribute('data-status'), { timeout: 15_000 }).toBe('REJECTED');
    expect(await status.getByTestId('application-reason').textContent()).toContain(reason);
    await page.screenshot({ path: screenshotPath('console-join-rejected'), fullPage: true });
    expect(browserErrors).toEqual([]);
  }, 120_000);
});
