// Re-shoots the console screenshots of the README (docs/screenshots/*.png):
//   pnpm screenshots            (needs Chromium at /usr/bin/chromium, or CHROMIUM_PATH)
// Starts a test cluster (three members and an anchor, on ephemeral ports, so it runs beside
// a demo), gives it something to show (a supplier programme, two joint orders planned and
// proposed, answers, a line down), signs in as the user each page is for and shoots the
// page at 1280×800; each PNG is then palette-compressed. Shots ending in -ko are taken with a
// Korean browser (the console then opens in Korean). `pnpm screenshots -- ko` re-shoots only the
// shots whose file name contains "ko".
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mondayFromNow, startTestCluster, testMember, testMemberSpecs } from '../test/src/index.ts';
import { buildConsole, consoleDist, launchChromium, repoRoot } from '../test/browser/support/browser.ts';
import { consoleFor } from '../test/browser/support/consoleServer.ts';
import { compressPng } from '../test/browser/support/compressPng.ts';

const outDir = join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

buildConsole();
const cluster = await startTestCluster({
  members: [
    ...testMemberSpecs(),
    testMember('anchor', 'Anchor Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 120, maximum: 160, price: 95_000 } }, { localName: '앵커모터스' }),
  ],
});
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
const server = await consoleFor(consoleDist, cluster.gatewayOrigin);

async function api<T = Record<string, any>>(login: string, query: string, variables: Record<string, unknown> = {}, purpose = 'MONITORING'): Promise<T> {
  const res = await fetch(cluster.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.token(login)}`, 'x-clustergraph-purpose': purpose },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

async function plannedOrder(
  code: string,
  quantity: number,
  weeksToDue: number,
): Promise<{ id: string; allocations: Array<{ allocationId: string; memberId: string }> }> {
  const routing = [
    { process: 'CASTING', hoursPerUnit: 0.2, setupHours: 2, transportDaysToNext: 1 },
    { process: 'HEAT_TREATMENT', hoursPerUnit: 0.1, setupHours: 1 },
  ];
  const input = { code, customer: 'K-Mobility Motors', product: 'Motor housing', quantity, dueDate: mondayFromNow(weeksToDue), routing };
  const { createJointOrder } = await api(
    'admin@lead',
    'mutation($input: CreateJointOrderInput!) { createJointOrder(input: $input) { id } }',
    { input },
    'JOINT_PLANNING',
  );
  const { planJointOrder } = await api(
    'admin@lead',
    'mutation($id: ID!) { planJointOrder(id: $id, options: { timeLimitSeconds: 5 }) { id } }',
    { id: createJointOrder.id },
    'JOINT_PLANNING',
  );
  const { proposePlan } = await api(
    'admin@lead',
    'mutation($id: ID!) { proposePlan(planId: $id) { allocations { allocationId memberId } } }',
    { id: planJointOrder.id },
    'JOINT_PLANNING',
  );
  return { id: createJointOrder.id, allocations: proposePlan.allocations };
}

try {
  // What the pages show.
  await api('admin@heat', 'mutation { revokeSharing(memberId: "heat", policyId: "default-ai-insights-anchor") { id } }');
  await api(
    'admin@anchor',
    'mutation($input: SupportProgrammeInput!) { createSupportProgramme(input: $input) { id } }',
    { input: { name: 'Anchor AI transition 2026', supplierIds: ['cast', 'heat'], startDate: mondayFromNow(-3), baselineWeeks: 3 } },
    'AI_TRANSITION',
  );
  for (const member of ['cast', 'heat'])
    await api(
      `admin@${member}`,
      `mutation { grantSharing(memberId: "${member}", input: { category: ORDERS, grantee: "LEADER", purpose: JOINT_PLANNING }) { id } }`,
    );
  // The order shown: cast accepted, heat not yet answered. The other: heat declined (the
  // cluster re-plans it); cast has yet to answer it.
  const answered = await plannedOrder('JO-2026-114', 300, 4);
  const other = await plannedOrder('JO-2026-121', 120, 6);
  const respond = (memberId: string, id: string, accept: boolean) =>
    api(
      `admin@${memberId}`,
      'mutation($m: ID!, $id: ID!, $accept: Boolean!, $reason: String) { respondToAllocation(memberId: $m, id: $id, accept: $accept, reason: $reason) { id } }',
      {
        m: memberId,
        id,
        accept,
        reason: accept ? null : 'furnace relining that week',
      },
    );
  // One more order out with the members and not answered yet: a decline re-plans the other
  // one (its new version waits as a DRAFT), so only this one surely leaves cast work to answer.
  await plannedOrder('JO-2026-130', 80, 5);
  for (const a of answered.allocations) if (a.memberId === 'cast') await respond('cast', a.allocationId, true);
  for (const a of other.allocations) if (a.memberId === 'heat') await respond('heat', a.allocationId, false);
  await api('admin@cast', 'mutation($e: [LineEventInput!]!) { reportLineEvents(events: $e) { accepted } }', {
    e: [{ eventId: `shots-${Date.now()}`, lineId: 'cast-line-1', state: 'DOWN', reasonCode: 'HYDRAULIC' }],
  });

  browser = await launchChromium();
  const only = process.argv.slice(2).find((arg) => arg !== '--');
  const allShots: Array<{ file: string; login: string; route: string; ready: string; scrollTo?: string; locale?: string }> = [
    { file: 'cluster.png', login: 'admin@lead', route: '/cluster', ready: '[data-testid="members-table"] tbody tr' },
    { file: 'live-board.png', login: 'admin@lead', route: '/live', ready: '[data-testid="tile-cast-line-1"]' },
    { file: 'capacity.png', login: 'admin@lead', route: '/capacity', ready: '[data-testid="capacity-heatmap"] canvas' },
    {
      file: 'joint-order-gantt.png',
      login: 'admin@lead',
      route: `/orders?id=${answered.id}`,
      ready: '[data-testid="plan-gantt"] svg',
      scrollTo: '[data-testid="plan-view"]',
    },
    { file: 'my-allocations.png', login: 'admin@cast', route: '/allocations', ready: '[data-testid="allocations-table"] tbody tr button' },
    { file: 'my-data.png', login: 'admin@heat', route: '/my-data', ready: '[data-testid="usage-summary"]' },
    { file: 'ai-transition.png', login: 'admin@lead', route: '/ai', ready: '[data-testid="maturity-cast"] .level' },
    { file: 'supplier-programme.png', login: 'admin@anchor', route: '/programme', ready: '[data-testid="kpi-chart"] svg' },
    // The partner's workflow in Korean (issue 19): proposed work to accept or decline.
    { file: 'my-allocations-ko.png', login: 'admin@cast', route: '/allocations', ready: '[data-testid="allocations-table"] tbody tr button', locale: 'ko-KR' },
    {
      file: 'joint-order-gantt-ko.png',
      login: 'admin@lead',
      route: `/orders?id=${answered.id}`,
      ready: '[data-testid="plan-gantt"] svg',
      scrollTo: '[data-testid="plan-view"]',
      locale: 'ko-KR',
    },
  ];
  const shots = only ? allShots.filter((shot) => shot.file.includes(only)) : allShots;
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(shot.locale ? { locale: shot.locale } : {}) });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${shot.file}] page error: ${error.message}\n`));
    await page.goto(server.url);
    await page.locator(`[data-login="${shot.login}"]`).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${server.url}#${shot.route}`);
    await page.locator(shot.ready).first().waitFor({ timeout: 90_000 }); // a re-plan after a decline can take a while on a busy machine
    if (shot.scrollTo)
      await page
        .locator(shot.scrollTo)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(800); // charts settle (animation is off; layout is not instant)
    const path = join(outDir, shot.file);
    await page.screenshot({ path });
    const { before, after } = await compressPng(path);
    process.stdout.write(`${shot.file}: ${Math.round(before / 1024)} KiB → ${Math.round(after / 1024)} KiB (${statSync(path).size} bytes)\n`);
    await context.close();
  }
} finally {
  await browser?.close();
  await server.close();
  await cluster.dispose();
}
