import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestCluster, mondayFromNow, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';

// The pages of the later issues (live lines, joint orders, my data, AI transition)
// against a real cluster, in Debian's Chromium at 1280×800.
describe('web console: live, orders, my data, AI transition', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  const signIn = async (login: string) => {
    await page.goto(server.url);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible().catch(() => false)) await signOut.click();
    await page.locator(`[data-login="${login}"]`).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(login.split('@')[1]!);
  };
  const nav = (label: string) => page.locator('header nav').getByRole('link', { name: label, exact: true }).click();

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster();
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

  it('shows a line event on the live board within 2 s', async () => {
    await signIn('admin@lead');
    await nav('Live lines');
    const tile = page.getByTestId('tile-cast-line-1');
    await tile.waitFor();
    await page.getByTestId('live-connection').getByText('live').waitFor();
    await page.waitForTimeout(500); // let the subscription reach the members
    const token = await cluster.token('admin@cast');
    const started = Date.now();
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($e:[LineEventInput!]!){reportLineEvents(events:$e){accepted}}', variables: { e: [{ eventId: `browser-${started}`, lineId: 'cast-line-1', state: 'DOWN', reasonCode: 'JAM' }] } }),
    });
    expect((await res.json()).data.reportLineEvents.accepted).toBe(1);
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 2000, interval: 50 }).toBe('DOWN');
    expect(Date.now() - started).toBeLessThan(2000);
    await tile.click();
    await page.getByTestId('line-timeline').getByText('JAM').waitFor();
    await page.screenshot({ path: screenshotPath('console-live'), fullPage: true });
  });

  it('creates an order with its routing, plans it and shows the Gantt', async () => {
    await nav('Joint orders');
    await page.getByRole('button', { name: 'New order' }).click();
    const form = page.getByTestId('order-form');
    await form.getByLabel('Code').fill('JO-BROWSER');
    await form.getByLabel('Customer').fill('EV Motors');
    await form.getByLabel('Product').fill('Motor housing');
    await form.getByLabel('Quantity').fill('150');
    await form.getByLabel('Due date').fill(mondayFromNow(4));
    await form.getByLabel('Process 0').selectOption('CASTING');
    await form.getByRole('button', { name: 'Add operation' }).click();
    await form.getByLabel('Process 1').selectOption('HEAT_TREATMENT');
    await form.getByLabel('Hours per unit 1').fill('0.1');
    await form.getByRole('button', { name: 'Create order' }).click();
    const panel = page.getByTestId('order-panel');
    await panel.getByText('JO-BROWSER').first().waitFor();
    await page.getByTestId('orders-table').getByText('JO-BROWSER').waitFor();
    await panel.getByLabel('Time limit (s)').fill('5');
    await panel.getByRole('button', { name: 'Plan', exact: true }).click();
    const gantt = page.getByTestId('plan-gantt');
    await gantt.locator('canvas').first().waitFor({ timeout: 30_000 });
    await panel.getByTestId('plan-explanation').locator('li').first().waitFor();
    expect(await panel.getByTestId('plan-allocations').textContent()).toContain('Cast Partner Co.');
    expect(await panel.getByTestId('plan-lateness').textContent()).toMatch(/\d+\s*days late/);
    await page.screenshot({ path: screenshotPath('console-orders'), fullPage: true });

    await panel.getByRole('button', { name: 'Propose to members' }).click();
    await expect.poll(() => panel.getByTestId('plan-allocations').textContent(), { timeout: 15_000 }).toContain('PROPOSED');
    // A member accepts: the answer shows up on the page by itself (polling).
    const plan = await (
      await fetch(cluster.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token('admin@lead')}`, 'x-clustergraph-purpose': 'JOINT_PLANNING' },
        body: JSON.stringify({ query: '{jointOrders{code currentPlan{allocations{allocationId memberId}}}}' }),
      })
    ).json();
    const allocation = plan.data.jointOrders.find((o: { code: string }) => o.code === 'JO-BROWSER').currentPlan.allocations.find((a: { memberId: string }) => a.memberId === 'cast');
    // The cluster reads the answers through the gateway as the leader: cast shares ORDERS for joint planning.
    const castToken = await cluster.token('admin@cast');
    const grant = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${castToken}` },
      body: JSON.stringify({ query: 'mutation{grantSharing(memberId:"cast",input:{category:ORDERS,grantee:"LEADER",purpose:JOINT_PLANNING}){id}}' }),
    });
    expect((await grant.json()).data.grantSharing.id).toBeTruthy();
    const answer = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${castToken}` },
      body: JSON.stringify({ query: `mutation{respondToAllocation(memberId:"cast",id:"${allocation.allocationId}",accept:true){status}}` }),
    });
    expect((await answer.json()).data.respondToAllocation.status).toBe('ACCEPTED');
    await expect.poll(() => panel.getByTestId('plan-allocations').textContent(), { timeout: 15_000 }).toContain('ACCEPTED');
    await page.getByTestId('plan-gantt').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('console-orders-answers'), fullPage: true });
  });

  it("shows the leader's demand against capacity with DCM marks", async () => {
    await nav('Capacity');
    await page.getByTestId('demand-heatmap').locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('console-capacity-demand'), fullPage: true });
  });

  it('shows AI transition levels with evidence', async () => {
    await nav('AI transition');
    await page.getByTestId('maturity-cast').getByText(/L\d/).waitFor();
    await page.getByTestId('maturity-cast').getByRole('button', { name: /Evidence/ }).click();
    await page.getByTestId('evidence').locator('tbody tr').first().waitFor();
    await page.screenshot({ path: screenshotPath('console-ai'), fullPage: true });
  });

  it('lets a partner grant, change and revoke a policy and read its usage ledger', async () => {
    await signIn('admin@heat');
    await nav('My data');
    const policies = page.getByTestId('policies-table');
    await policies.getByText('CAPABILITY').first().waitFor();
    const grant = page.getByTestId('grant-form');
    await grant.getByLabel('Grant category').selectOption('QUALITY');
    await grant.getByLabel('Grantee').fill('cast');
    await grant.getByLabel('Grant purpose').selectOption('JOINT_PLANNING');
    await grant.getByRole('button', { name: 'Grant' }).click();
    const row = policies.locator('tbody tr', { hasText: 'QUALITY' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Change' }).click();
    await row.getByLabel('Edit granularity').selectOption('AGGREGATED');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent()).toContain('AGGREGATED');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => policies.locator('tbody tr', { hasText: 'QUALITY' }).count()).toBe(0);
    await page.getByTestId('usage-summary').getByText('lead').first().waitFor();
    await page.getByTestId('usage-table').locator('tbody tr').first().waitFor();
    await page.screenshot({ path: screenshotPath('console-my-data'), fullPage: true });
  });

  it('shows a partner without policies the withheld data marked as such', async () => {
    await signIn('admin@cast');
    await nav('Cluster');
    await page.getByTestId('members-table').getByText('Heat Partner Co.').waitFor();
    await page.getByText(/withheld by Heat Partner Co\./).first().waitFor();
    await page.screenshot({ path: screenshotPath('console-partner-cluster'), fullPage: true });
    await nav('Live lines');
    await page.getByTestId('board-heat').getByText(/withheld by Heat Partner Co\./).first().waitFor();
    await nav('AI transition');
    await page.getByTestId('maturity-heat').getByText(/withheld by Heat Partner Co\./).waitFor();
    await page.screenshot({ path: screenshotPath('console-partner-ai'), fullPage: true });
    expect(browserErrors).toEqual([]);
  });
});
