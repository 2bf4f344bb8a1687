import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { API_CATALOGUES, type Catalogues } from '@clustergraph/i18n';
import { cataloguesIn, flatCatalogues, messageLiterals } from '@clustergraph/i18n/testing';
import { writeSheet } from '@clustergraph/spreadsheets';
import { mondayFromNow, startTestCluster, testMember, testMemberSpecs, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';

// Issue 19: every console page in Korean and in English, against a real cluster in Debian's
// Chromium. A Korean browser gets Korean without asking; no English message of the console's
// catalogues may be left on a Korean page (data — ids, codes, numbers, what the server wrote —
// is allowed), and no Korean on an English one. The language menu switches and remembers.

const webCatalogues = cataloguesIn(fileURLToPath(new URL('../../clients/web/src/i18n/locales', import.meta.url)));
const catalogues: Catalogues = {
  ko: { ...API_CATALOGUES.ko, ...webCatalogues.ko },
  en: { ...API_CATALOGUES.en, ...webCatalogues.en },
};

/**
 * The English words the console would show if a message were left untranslated: the literal
 * parts of every English message (arguments cut out), those with a word of three letters or more
 * that the Korean catalogue does not use as well ("KPI", "DCM", "ClusterGraph" are the same in both).
 */
function englishFragments(): { phrases: string[]; words: Set<string> } {
  const flat = flatCatalogues(catalogues);
  const korean = [...flat['ko']!.values()].join('\n');
  const fragments = new Set<string>();
  for (const message of flat['en']!.values()) {
    for (const literal of messageLiterals(message))
      for (const part of literal.split(/[\n·:()→←—]/)) {
        const fragment = part.trim().replace(/[.,;…]+$/, '');
        if (/[A-Za-z]{3,}/.test(fragment) && !korean.includes(fragment)) fragments.add(fragment);
      }
  }
  const phrases = [...fragments].filter((f) => f.includes(' '));
  const words = new Set([...fragments].filter((f) => !f.includes(' ')));
  return { phrases, words };
}
const english = englishFragments();

/** The text a reader sees: rendered text, placeholders and the chosen options, outside elements marked translate="no" (data). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate="no"], script, style, option')) continue;
      if (!parent.checkVisibility()) continue;
      const text = (node.textContent ?? '').trim();
      if (text) texts.push(text);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) if (input.checkVisibility()) texts.push(input.placeholder);
    for (const select of document.querySelectorAll('select')) {
      if (!select.checkVisibility() || select.closest('[translate="no"]')) continue;
      for (const option of select.options) texts.push(option.text.trim());
    }
    return texts;
  });
}

/** Texts on a Korean page that are an English message of the catalogues (or hold one). */
function untranslated(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (english.words.has(text)) found.add(text);
    for (const phrase of english.phrases) if (text.includes(phrase)) found.add(`${phrase}  (in "${text.slice(0, 80)}")`);
  }
  return [...found];
}

const HANGUL = /[\u3131-\u318E\uAC00-\uD7A3]/;

describe('web console in Korean and English', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let orderId = '';
  const browserErrors: string[] = [];

  const api = async (login: string, query: string, variables: Record<string, unknown> = {}, purpose = 'MONITORING') => {
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token(login)}`, 'x-clustergraph-purpose': purpose },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster({
      members: [
        ...testMemberSpecs(),
        testMember('anchor', 'Anchor Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 120, maximum: 160, price: 95_000 } }, { localName: '앵커모터스' }),
      ],
    });
    // Something on every page: a supplier programme, an order planned and proposed, a line down.
    await api(
      'admin@anchor',
      'mutation($input: SupportProgrammeInput!) { createSupportProgramme(input: $input) { id } }',
      { input: { name: 'Anchor AI transition 2026', supplierIds: ['cast', 'heat'], startDate: mondayFromNow(-3), baselineWeeks: 3 } },
      'AI_TRANSITION',
    );
    const routing = [
      { process: 'CASTING', hoursPerUnit: 0.2, setupHours: 2, transportDaysToNext: 1 },
      { process: 'HEAT_TREATMENT', hoursPerUnit: 0.1, setupHours: 1 },
    ];
    const { createJointOrder } = await api(
      'admin@lead',
      'mutation($input: CreateJointOrderInput!) { createJointOrder(input: $input) { id } }',
      { input: { code: 'JO-I18N-01', customer: 'K-Mobility Motors', product: 'Motor housing', quantity: 120, dueDate: mondayFromNow(5), routing } },
      'JOINT_PLANNING',
    );
    orderId = createJointOrder.id;
    const { planJointOrder } = await api(
      'admin@lead',
      'mutation($id: ID!) { planJointOrder(id: $id, options: { timeLimitSeconds: 5 }) { id } }',
      { id: orderId },
      'JOINT_PLANNING',
    );
    await api('admin@lead', 'mutation($id: ID!) { proposePlan(planId: $id) { id } }', { id: planJointOrder.id }, 'JOINT_PLANNING');
    await api('admin@cast', 'mutation($e: [LineEventInput!]!) { reportLineEvents(events: $e) { accepted } }', {
      e: [{ eventId: `i18n-${Date.now()}`, lineId: 'cast-line-1', state: 'DOWN', reasonCode: 'HYDRAULIC' }],
    });
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  async function signedIn(locale: string, login: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    const page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));
    await page.goto(server.url);
    await page.locator(`[data-login="${login}"]`).click();
    await page.getByTestId('signed-in-as').waitFor();
    return { context, page };
  }

  /** Each page, who sees it, and what shows that its data has arrived. */
  const pages = () => [
    { name: 'cluster', login: 'admin@lead', route: '/cluster', ready: '[data-testid="members-table"] tbody tr >> nth=3' },
    { name: 'live', login: 'admin@lead', route: '/live', ready: '[data-testid="tile-cast-line-1"][data-state="DOWN"]' },
    { name: 'capacity', login: 'admin@lead', route: '/capacity', ready: '[data-testid="demand-capacity"] [data-testid="demand-heatmap"]' },
    { name: 'orders', login: 'admin@lead', route: `/orders?id=${orderId}`, ready: '[data-testid="plan-allocations"] tbody tr' },
    { name: 'allocations', login: 'admin@cast', route: '/allocations', ready: '[data-testid="allocations-table"] tbody tr button' },
    { name: 'my-data', login: 'admin@heat', route: '/my-data', ready: '[data-testid="policies-table"] tbody tr' },
    { name: 'ai', login: 'admin@lead', route: '/ai', ready: '[data-testid="maturity-cast"] .level' },
    { name: 'programme', login: 'admin@anchor', route: '/programme', ready: '[data-testid="supplier-cast"] .level' },
    { name: 'member', login: 'admin@lead', route: '/members/cast', ready: '[data-testid="member-capacity"] canvas' },
  ];

  async function openReady(page: Page, route: string, ready: string): Promise<void> {
    await page.goto(`${server.url}#${route}`);
    await page.locator(ready).first().waitFor({ timeout: 45_000 });
    // Whatever else the page asks for has arrived: no "loading" left on it.
    await expect.poll(() => page.locator('text=/Loading|불러오는 중/').count(), { timeout: 30_000 }).toBe(0);
  }

  it('opens in Korean for a Korean browser, from the sign-in page on', async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('[data-login="admin@cast"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('h1').textContent()).toBe('ClusterGraph 콘솔');
    expect(await page.title()).toBe('ClusterGraph 콘솔');
    // The firm's own name, and its roles in words.
    await expect.poll(() => page.getByTestId('firm-cast').locator('h3').textContent()).toBe('캐스트협력');
    expect(await page.getByTestId('firm-cast').textContent()).toContain('협력사');
    expect(untranslated(await visibleTexts(page))).toEqual([]);
    await context.close();
  });

  it('opens in English for an English browser, with the romanised names', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('firm-cast').locator('h3').textContent()).toBe('Cast Partner Co.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('ClusterGraph console');
    await context.close();
  });

  it('switches with the language menu and keeps the choice', async () => {
    const { context, page } = await signedIn('en-US', 'admin@lead');
    await page.locator('header nav').getByRole('link', { name: 'Cluster', exact: true }).waitFor();
    await page.getByTestId('language-menu').selectOption('ko');
    await page.locator('header nav').getByRole('link', { name: '클러스터', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('리드조립');
    await page.reload();
    await page.locator('header nav').getByRole('link', { name: '공동 수주', exact: true }).waitFor();
    await page.getByTestId('language-menu').selectOption('en');
    await page.locator('header nav').getByRole('link', { name: 'Joint orders', exact: true }).waitFor();
    await context.close();
  });

  /** Opens every page in a browser of `locale` (one sign-in per user) and collects what `check` finds wrong on each. */
  async function problemsOnEveryPage(locale: string, language: string, check: (texts: string[], name: string, page: Page) => Promise<string[]>) {
    const problems: Record<string, string[]> = {};
    let current: { login: string; context: BrowserContext; page: Page } | undefined;
    for (const shown of pages()) {
      if (current?.login !== shown.login) {
        await current?.context.close();
        current = { login: shown.login, ...(await signedIn(locale, shown.login)) };
      }
      await openReady(current.page, shown.route, shown.ready);
      expect(await current.page.locator('html').getAttribute('lang')).toBe(language);
      const found = await check(await visibleTexts(current.page), shown.name, current.page);
      if (found.length) problems[shown.name] = found;
    }
    await current?.context.close();
    return problems;
  }

  it('shows every page in Korean with no English message of the catalogues left', async () => {
    const problems = await problemsOnEveryPage('ko-KR', 'ko', async (texts, name, page) => {
      expect(texts.some((text) => HANGUL.test(text))).toBe(true);
      await page.screenshot({ path: screenshotPath(`i18n-ko-${name}`), fullPage: true });
      return untranslated(texts);
    });
    expect(problems).toEqual({});
  });

  it('shows every page in English with no Korean on it but the language menu', async () => {
    const problems = await problemsOnEveryPage('en-US', 'en', async (texts) => texts.filter((text) => HANGUL.test(text) && text !== '한국어'));
    expect(problems).toEqual({});
  });

  it('lets a Korean production manager do the partner workflow in Korean: sign in, see the proposed work, accept it, upload next month’s capacity from Excel', async () => {
    const { context, page } = await signedIn('ko-KR', 'planner@heat');
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      // The proposed work: the order, its customer and the operation, with the Korean buttons.
      await page.goto(`${server.url}#/allocations`);
      const table = page.getByTestId('allocations-table');
      const rows = table.locator('tbody tr', { hasText: 'JO-I18N-01' });
      const accept = rows.getByRole('button', { name: '수락', exact: true });
      await accept.first().waitFor({ timeout: 45_000 });
      expect(await rows.first().textContent()).toContain('K-Mobility Motors');
      expect(untranslated(await visibleTexts(page))).toEqual([]);
      // Every operation of the order proposed to this firm (one per week it spans).
      while ((await accept.count()) > 0) {
        const before = await accept.count();
        await accept.first().click();
        await expect.poll(() => accept.count(), { timeout: 30_000 }).toBeLessThan(before);
      }
      const { member } = await api('admin@heat', 'query { member(id: "heat") { allocations { jointOrderId status } } }', {}, 'JOINT_PLANNING');
      const statuses = (member.allocations as Array<{ jointOrderId: string; status: string }>).filter((a) => a.jointOrderId === orderId).map((a) => a.status);
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['ACCEPTED']));

      // Next month's capacity from an Excel file with Korean headers, as Korean Excel saves it.
      const weeks = [4, 5, 6, 7].map(mondayFromNow);
      const upload = await writeSheet(
        'capacity',
        weeks.map((weekStart, i) => ({ process: 'HEAT_TREATMENT' as const, weekStart, actualHours: 90 + i, maximumHours: 150 })),
        { format: 'xlsx', language: 'ko' },
      );
      await page.goto(`${server.url}#/members/heat`);
      const panel = page.getByTestId('sheet-capacity');
      await panel.getByTestId('sheet-file').setInputFiles({
        name: '다음달 생산능력.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(upload),
      });
      await panel.getByTestId('sheet-report').waitFor({ timeout: 30_000 });
      expect(untranslated(await visibleTexts(page))).toEqual([]);
      await panel.getByTestId('sheet-import').click();
      await expect.poll(() => panel.getByTestId('sheet-done').textContent(), { timeout: 30_000 }).toContain('4개 행을 가져왔습니다');
      const stored = await api(
        'admin@heat',
        'query($from: Date!, $to: Date!) { member(id: "heat") { capacity(from: $from, to: $to) { process weekStart actualHours } } }',
        { from: weeks[0], to: weeks[3] },
        'JOINT_PLANNING',
      );
      expect(
        (stored.member.capacity as Array<{ process: string; weekStart: string; actualHours: number }>)
          .filter((b) => b.process === 'HEAT_TREATMENT')
          .map((b) => [b.weekStart, b.actualHours]),
      ).toEqual(weeks.map((w, i) => [w, 90 + i]));
      await page.screenshot({ path: screenshotPath('i18n-ko-partner-workflow'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('put no error on the browser console while doing so', () => {
    expect(browserErrors).toEqual([]);
  });
});
