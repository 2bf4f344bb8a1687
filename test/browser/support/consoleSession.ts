import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Signs in on the console's sign-in page as `login` (user@member), signing out first if someone is signed in. */
export async function signInAs(page: Page, consoleUrl: string, login: string): Promise<void> {
  await page.goto(consoleUrl);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible().catch(() => false)) await signOut.click();
  await page.locator(`[data-login="${login}"]`).click();
  await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(login.split('@')[1]!);
}

/** Follows a link of the console's header navigation by its exact label. */
export function openPage(page: Page, label: string): Promise<void> {
  return page.locator('header nav').getByRole('link', { name: label, exact: true }).click();
}

/** Signs in once the demo issuer lists the login (a firm approved a moment ago appears at the gateway's next registry poll). */
export async function signInWhenListed(page: Page, consoleUrl: string, login: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(consoleUrl);
        const signOut = page.getByRole('button', { name: 'Sign out' });
        if (await signOut.isVisible().catch(() => false)) await signOut.click();
        return page
          .locator(`[data-login="${login}"]`)
          .waitFor({ timeout: 2000 })
          .then(() => true)
          .catch(() => false);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  await signInAs(page, consoleUrl, login);
}

/**
 * Waits for `locator` like `locator.waitFor()`; when it does not appear, the failure carries the
 * page's address and text (a page that is not there is told apart from one that is slow: how the
 * stale post-sign-in redirect, now fixed in clients/web/src/main.tsx, was found).
 */
export async function waitForOrExplain(page: Page, locator: Locator): Promise<void> {
  await locator.waitFor().catch(async (error: Error) => {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '(no page text)');
    throw new Error(`${error.message}\npage ${page.url()}:\n${text.slice(0, 2000)}`);
  });
}
