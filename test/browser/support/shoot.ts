// Screenshots a console URL at 1280×800 after signing in: `node --import tsx test/browser/support/shoot.ts <consoleUrl> <login> <hashRoute> <out.png>`.
import { launchChromium } from './browser.ts';

const [url, login, route, out] = process.argv.slice(2) as [string, string, string, string];
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => process.stdout.write(`[browser ${m.type()}] ${m.text()}\n`));
page.on('pageerror', (e) => process.stdout.write(`[pageerror] ${e.message}\n`));
await page.goto(url);
await page.locator(`[data-login="${login}"]`).click();
await page.getByTestId('signed-in-as').waitFor();
await page.goto(`${url}#${route}`);
await page.waitForTimeout(2500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
