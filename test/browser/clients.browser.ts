import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { mondayFromNow, partnerDemoPolicies, startTestCluster, testMember, testMemberSpecs, withPolicies, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';
import { openPage, signInAs, waitForOrExplain } from './support/consoleSession.ts';

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every non-empty SVG text of a chart, with its box on the page. */
async function svgTexts(chart: Locator): Promise<Box[]> {
  return chart.locator('svg text').evaluateAll((nodes) =>
    nodes
      .map((node) => {
        const r = node.getBoundingClientRect();
        return { text: (node.textContent ?? '').trim(), x: r.x, y: r.y, width: r.width, height: r.height };
      })
      .filter((b) => b.text && b.width > 0 && b.height > 0),
  );
}

/** Pairs of labels whose boxes overlap (1 px of slack for anti-aliased edges). */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x + a.width - 1 > b.x && b.x + b.width - 1 > a.x && a.y + a.height - 1 > b.y && b.y + b.height - 1 > a.y) found.push(`"${a.text}" × "${b.text}"`);
    }
  return found;
}

// What a first-time user met in the console (issue 14, sections 3–5): views asking with the
// wrong purpose, withheld data shown as zeros or alarms, weekly data as daily spikes, the
// partner's allocations without what it needs to decide, overlapping chart labels.
describe('web console: purposes, withheld vs unreachable, the partner view, labels', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];
  let orderId = '';

  const api = async (login: string, query: string, variables: Record<string, unknown> = {}, purpose = 'MONITORING') => {
    const res = await fetch(cluster.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token(login)}`, 'x-clustergraph-purpose': purpose },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  };
  const signIn = (login: string) => signInAs(page, server.url, login);
  const nav = (label: string) => openPage(page, label);

  beforeAll(async () => {
    buildConsole();
    const [lead, cast, heat] = testMemberSpecs();
    // cast lets the leader follow its allocations (ORDERS for joint planning), as the demo's partners
    // do; mold keeps only the defaults, so its line status and production are withheld from everyone;
    // the anchor runs a supplier programme.
    cluster = await startTestCluster({
      members: [
        lead!,
        withPolicies(cast!, [...partnerDemoPolicies(), { category: 'ORDERS', grantee: 'LEADER', purpose: 'JOINT_PLANNING' }]),
        heat!,
        testMember('mold', 'Mold Partner Co.', ['PARTNER'], 'Yangsan', { INJECTION_MOLDING: { actual: 160, maximum: 200, price: 41_000 } }),
        testMember('anchor', 'Anchor Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 120, maximum: 160, price: 95_000 } }),
      ],
    });
    const created = await api(
      'admin@lead',
      'mutation($input: CreateJointOrderInput!) { createJointOrder(input: $input) { id } }',
      {
        input: {
          code: 'JO-CLIENTS',
          customer: 'EV Motors',
          product: 'Motor housing',
          quantity: 150,
          dueDate: mondayFromNow(4),
          routing: [
            { process: 'CASTING', hoursPerUnit: 0.2, setupHours: 2, transportDaysToNext: 1 },
            { process: 'HEAT_TREATMENT', hoursPerUnit: 0.1 },
          ],
        },
      },
      'JOINT_PLANNING',
    );
    orderId = created.data!['createJointOrder'].id;
    const planned = await api(
      'admin@lead',
      'mutation($id: ID!) { planJointOrder(id: $id, options: { timeLimitSeconds: 5 }) { id } }',
      { id: orderId },
      'JOINT_PLANNING',
    );
    const proposed = await api(
      'admin@lead',
      'mutation($planId: ID!) { proposePlan(planId: $planId) { id status } }',
      { planId: planned.data!['planJointOrder'].id },
      'JOINT_PLANNING',
    );
    expect(proposed.data?.['proposePlan'].status).toBe('PROPOSED');
    await api(
      'admin@anchor',
      'mutation($input: SupportProgrammeInput!) { createSupportProgramme(input: $input) { id } }',
      { input: { name: 'Anchor AI transition 2026', supplierIds: ['cast', 'heat', 'mold'], startDate: mondayFromNow(-3), baselineWeeks: 3 } },
      'AI_TRANSITION',
    );
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cluster?.dispose();
  });

  it('signs in from firm names and roles, and serves its favicon', async () => {
    await page.goto(server.url);
    const cast = page.getByTestId('firm-cast');
    await expect.poll(() => cast.locator('h3').textContent()).toBe('Cast Partner Co.');
    expect(await cast.textContent()).toContain('partner');
    expect(await page.getByTestId('firm-lead').textContent()).toMatch(/Lead Assembly Co\.[\s\S]*leader/);
    expect(await page.getByTestId('firm-anchor').textContent()).toMatch(/Anchor Motors[\s\S]*anchor/);
    await page.screenshot({ path: screenshotPath('clients-sign-in'), fullPage: true });

    const icon = await page.locator('link[rel="icon"]').evaluate((link) => (link as HTMLLinkElement).href);
    const res = await fetch(icon);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(browserErrors).toEqual([]);
  });

  it('opens a member link followed the moment the signed-in view shows', async () => {
    // The console sends a firm signed in at "#/" to its first page. That redirect waited for a
    // passive effect, which React runs a task after the commit that draws the signed-in view: a
    // link followed in between was undone (full-suite runs lost the member page after a sign-in).
    // The observer follows the link in that gap, every time.
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    fresh.on('pageerror', (error) => browserErrors.push(error.message));
    await fresh.goto(server.url);
    await fresh.evaluate(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="signed-in-as"]')) return;
        observer.disconnect();
        location.hash = '#/members/cast';
      }).observe(document.body, { childList: true, subtree: true });
    });
    await fresh.locator('[data-login="planner@lead"]').click();
    await waitForOrExplain(fresh, fresh.getByTestId('member-page').getByRole('heading', { name: 'Cast Partner Co.' }));
    expect(new URL(fresh.url()).hash).toBe('#/members/cast');
    await fresh.close();
  });

  it("shows the leader Cast's capacity and allocations, asked for joint planning", async () => {
    await signIn('planner@lead');
    await page.goto(`${server.url}#/members/cast`);
    const member = page.getByTestId('member-page');
    await waitForOrExplain(page, member.getByRole('heading', { name: 'Cast Partner Co.' }));
    const capacity = page.getByTestId('member-capacity');
    await capacity.locator('canvas').first().waitFor();
    expect(await capacity.textContent()).not.toContain('withheld');
    const allocations = page.getByTestId('member-allocations');
    await allocations.locator('tbody tr', { hasText: 'PROPOSED' }).waitFor();
    expect(await allocations.textContent()).toContain('Casting');
    // Each section says which purpose it was read for.
    expect(await member.getByRole('heading', { name: /Capacity, next/ }).textContent()).toContain('asked for: JOINT_PLANNING');
    expect(await member.getByRole('heading', { name: /Allocations/ }).textContent()).toContain('asked for: JOINT_PLANNING');
    expect(await member.getByRole('heading', { name: /Lines/ }).textContent()).toContain('asked for: MONITORING');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('clients-member-planning'), fullPage: true });
  });

  it('draws weekly production totals as weekly bars', async () => {
    // Cast shares its production with the leader as weekly totals (AGGREGATED).
    const chart = page.getByTestId('production-chart');
    await chart.locator('svg').waitFor();
    const labels = (await svgTexts(chart)).map((b) => b.text);
    const weeks = labels.filter((t) => /^W\d{2}$/.test(t));
    expect(weeks.length).toBeGreaterThanOrEqual(5); // six weeks back, one label per week, no day labels
    expect(labels.some((t) => /^\d{2}-\d{2}$/.test(t))).toBe(false);
    // Several weekly bars of good units, not one spike: count the filled bars of the Good series.
    const bars = await chart.locator('svg path[fill="#2e9d5b"]').evaluateAll((paths) => paths.filter((p) => p.getBoundingClientRect().height > 2).length);
    expect(bars).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('member-page').textContent()).toContain('Weekly totals of the whole firm');
  });

  it('shows withheld line status as withheld, calm, once per firm (leader)', async () => {
    await nav('Cluster');
    const table = page.getByTestId('members-table');
    await table.getByText('Mold Partner Co.').waitFor();
    const moldLines = page.getByTestId('lines-mold');
    await expect.poll(() => moldLines.textContent()).toContain('status withheld');
    expect(await moldLines.textContent()).not.toMatch(/\d+\/\d+ running/);
    expect(await page.getByTestId('lines-cast').textContent()).toMatch(/\d\/1 running/);
    const notes = page.getByTestId('withheld-notes').first();
    await notes.getByText("withheld by Mold Partner Co.'s sharing policy").waitFor();
    expect(await notes.locator('[data-testid="withheld-mold"]').count()).toBe(1);
    // Calm: grey, no alarm box, no "not answering" count.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('unreachable-count').count()).toBe(0);
    expect(await page.getByTestId('cluster-page').textContent()).not.toContain('not answering');
    const colour = await notes.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r! - Math.min(g!, b!)).toBeLessThan(40); // grey, not red
    expect(await page.getByRole('heading', { name: /Test EV Parts Cluster/ }).textContent()).toContain('asked for: MONITORING');
  });

  it("opens a partner's Cluster page calmly: one grey line per withholding firm, no red box", async () => {
    await signIn('admin@cast');
    await nav('Cluster');
    await page.getByTestId('members-table').getByText('Heat Partner Co.').waitFor();
    // The first notes are the page's own (the capacity search below has its own answer and notes).
    const notes = page.getByTestId('withheld-notes').first();
    await notes.waitFor();
    for (const firm of ['lead', 'heat', 'mold', 'anchor']) expect(await notes.locator(`[data-testid="withheld-${firm}"]`).count()).toBe(1);
    expect(await notes.locator('[data-testid^="withheld-"]').count()).toBe(4);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('cluster-page').textContent()).not.toContain('not answering');
    expect(await page.getByTestId('lines-heat').textContent()).toContain('status withheld');
    expect(await page.getByTestId('lines-cast').textContent()).toMatch(/running/); // its own lines
    await page.screenshot({ path: screenshotPath('clients-partner-cluster'), fullPage: true });
  });

  it('shows the partner what it needs to decide on an allocation', async () => {
    await nav('My allocations');
    const table = page.getByTestId('allocations-table');
    // The status chip, not any text: the empty table's "…proposed no work…" would match too.
    const row = table.locator('tbody tr', { has: page.locator('[data-testid^="status-"]', { hasText: 'PROPOSED' }) });
    await row.locator('[data-testid^="order-"]').waitFor();
    const [allocationId] = await row
      .locator('[data-testid^="order-"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')!.slice('order-'.length)));
    const order = await page.getByTestId(`order-${allocationId}`).textContent();
    expect(order).toContain('JO-CLIENTS');
    expect(order).toContain('Motor housing');
    expect(order).toContain('EV Motors');
    expect(order).toContain(`due ${mondayFromNow(4)}`);
    expect(order).toContain('150 units');
    expect(await page.getByTestId(`price-${allocationId}`).textContent()).toMatch(/₩[\d,]+[\s\S]*₩70,000\/h/);
    const neighbours = await page.getByTestId(`neighbours-${allocationId}`).textContent();
    expect(neighbours).toContain('first operation');
    expect(neighbours).toMatch(/1\. Heat treatment by Heat Partner Co\. W\d{2} \(\d+ u\)/);
    expect(await row.textContent()).toMatch(/W\d{2}/);
    expect(await row.textContent()).toMatch(/\d+ h/);
    expect(await page.getByRole('heading', { name: /My allocations/ }).textContent()).toContain('asked for: JOINT_PLANNING');
    await page.screenshot({ path: screenshotPath('clients-my-allocations'), fullPage: true });
  });

  it('keeps the proposal to the allocated firm and the leader, even for a firm that may read the allocation', async () => {
    const grant = await api('admin@cast', 'mutation { grantSharing(memberId: "cast", input: { category: ORDERS, grantee: "heat", purpose: ANY }) { id } }');
    expect(grant.errors).toBeUndefined();
    const query = '{ member(id: "cast") { allocations { id jointOrderId proposal { orderCode price } } } }';
    const asHeat = await api('admin@heat', query, {}, 'JOINT_PLANNING');
    expect(asHeat.data?.['member'].allocations.length).toBe(1);
    expect(asHeat.data?.['member'].allocations[0].proposal).toBeNull();
    expect(asHeat.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const asLeader = await api('planner@lead', query, {}, 'JOINT_PLANNING');
    expect(asLeader.data?.['member'].allocations[0].proposal).toMatchObject({ orderCode: 'JO-CLIENTS' });
    await api('admin@cast', 'mutation($id: ID!) { revokeSharing(memberId: "cast", policyId: $id) { id } }', { id: grant.data!['grantSharing'].id });
  });

  it("keeps the joint order's due label off the week labels", async () => {
    await signIn('planner@lead');
    await page.goto(`${server.url}#/orders?id=${orderId}`);
    const gantt = page.getByTestId('plan-gantt');
    await gantt.locator('svg').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await svgTexts(gantt)).some((b) => b.text.startsWith('due '))).toBe(true);
    const texts = await svgTexts(gantt);
    expect(texts.some((b) => /^W\d{2}/.test(b.text))).toBe(true);
    expect(overlaps(texts)).toEqual([]);
    await gantt.screenshot({ path: screenshotPath('clients-gantt-labels') });
  });

  it("labels the supplier programme's charts without dropping or overlapping any", async () => {
    await signIn('admin@anchor');
    await nav('Supplier programme');
    const programme = page.getByTestId('programme');
    const levels = programme.getByTestId('level-chart');
    await levels.locator('svg').waitFor();
    await expect
      .poll(async () => (await svgTexts(levels)).map((b) => b.text))
      .toEqual(expect.arrayContaining(['Cast Partner Co.', 'Heat Partner Co.', 'Mold Partner Co.']));
    expect(overlaps(await svgTexts(levels))).toEqual([]);
    const kpis = programme.getByTestId('kpi-chart');
    const kpiTexts = await svgTexts(kpis);
    expect(kpiTexts.some((b) => b.text.startsWith('change'))).toBe(true);
    expect(overlaps(kpiTexts)).toEqual([]);
    expect(await programme.locator('h3', { hasText: 'Smart-factory level' }).textContent()).toContain('computed from data');
    await programme.screenshot({ path: screenshotPath('clients-programme-labels') });
  });

  it('labels the declared level and the level computed from data', async () => {
    await nav('Cluster');
    await expect.poll(() => page.getByTestId('members-table').getByRole('columnheader', { name: /Level/ }).textContent()).toContain('declared');
    await nav('AI transition');
    const card = page.getByTestId('maturity-cast');
    await card.getByText(/L\d/).first().waitFor();
    expect(await card.textContent()).toContain('computed from data');
    expect(await page.getByTestId('declared-cast').textContent()).toContain('declared in its profile: 2 / 5');
  });

  it('marks a firm that is down in red, apart from the calm withheld notes', async () => {
    await signIn('planner@lead');
    await cluster.members.get('mold')!.stop();
    await nav('Cluster');
    await page.reload();
    await page.getByTestId('members-table').getByText('Heat Partner Co.').waitFor();
    const alert = page.getByRole('alert').first();
    await alert.getByText('Mold Partner Co. unreachable').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('unreachable-count').textContent()).toContain('1 unreachable');
    const colour = await alert.evaluate((el) => getComputedStyle(el).color);
    const [r, g] = colour.match(/\d+/g)!.map(Number);
    expect(r! - g!).toBeGreaterThan(60); // red
    // The anchor still only withholds (calm); the firm that is down is not among the withheld.
    const notes = page.getByTestId('withheld-notes').first();
    expect(await notes.locator('[data-testid="withheld-anchor"]').count()).toBe(1);
    expect(await notes.locator('[data-testid="withheld-mold"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('clients-unreachable'), fullPage: true });
    expect(browserErrors).toEqual([]);
  });
});
