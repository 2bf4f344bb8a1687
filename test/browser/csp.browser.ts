import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestCluster, type TestCluster } from '@clustergraph/test';
import { buildConsole, launchChromium } from './support/browser.ts';

// The console as the gateway serves it, under its Content-Security-Policy (issue 13): every
// page used here renders — charts, tooltips, the live socket — without one CSP violation,
// and the policy is really enforced (an injected inline script is blocked).

describe('console under its Content-Security-Policy', () => {
  let cluster: TestCluster;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.dispose();
  });

  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.slice());

  it('renders the leader’s pages with no violation', async () => {
    const response = await page.goto(`${cluster.gatewayOrigin}/console/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('[data-login="admin@lead"]').click();
    const table = page.getByTestId('members-table');
    await table.getByText('Heat Partner Co.').waitFor();
    await table.getByRole('link', { name: 'Heat Partner Co.' }).click();
    await page.locator('canvas').first().waitFor({ timeout: 20_000 });
    const box = await page.locator('canvas').first().boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2); // an ECharts tooltip
    await page.waitForTimeout(500);
    for (const name of ['Capacity', 'Cluster']) {
      await page.locator('header nav').getByRole('link', { name, exact: true }).click();
      await page.waitForTimeout(1000);
    }
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('blocks an injected inline script', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
    });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
  });
});
