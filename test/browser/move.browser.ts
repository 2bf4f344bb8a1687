import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ServiceProcess, freePort } from '@clustergraph/launcher';
import { expectNoErrors, gql, memberCommand, mondayFromNow, startTestCluster, testMemberSpecs, type GraphQLResult, type TestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist, launchChromium, screenshotPath } from './support/browser.ts';
import { consoleFor, type ConsoleServer } from './support/consoleServer.ts';
import { openPage, signInAs, signInWhenListed as signInOnceListed } from './support/consoleSession.ts';

// Issue 18 end to end in the console, in Debian's Chromium: a firm applies to be hosted, the
// leader approves it, its admin sets up a line and capacity, its MES reports events; then its
// admin moves it to its own server from My data — begins the move, downloads the archive, and
// (the test playing the firm's IT) imports it and starts the firm's own member server with the
// commands the console shows — switches the endpoint (the cluster checks the new server first:
// a wrong one is refused in the console) and deletes the hosted copy, recorded. The leader then
// sees the firm's line, capacity and history served by the new server, and the host answers 404
// for the firm.

const FIRM = 'moveco';
const LINE = 'press-line-1';

describe('web console: a hosted firm moves to its own server', () => {
  let cluster: TestCluster;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let ownServer: ServiceProcess | null = null;
  const browserErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cg-browser-move-'));

  const call = async <T = Record<string, any>>(login: string | null, query: string, variables: Record<string, unknown> = {}, purpose?: string) =>
    gql<T>(cluster.gatewayUrl, query, variables, { token: login ? await cluster.token(login) : null, ...(purpose ? { purpose } : {}) });
  const codeOf = (answer: GraphQLResult) => answer.errors?.[0]?.extensions?.['code'];
  const SWITCH = 'mutation($endpoint: String!) { updateMemberEndpoint(id: "moveco", endpoint: $endpoint) { endpoint } }';
  const registryEntry = async () => expectNoErrors(await call('admin@lead', `{ member(id: "${FIRM}") { endpoint hosting } }`)).member;

  const signInWhenListed = (login: string) => signInOnceListed(page, server.url, login);

  beforeAll(async () => {
    buildConsole();
    cluster = await startTestCluster({ members: testMemberSpecs().filter((m) => m.id !== 'heat'), memberHost: {} });
    server = await consoleFor(consoleDist, cluster.gatewayOrigin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ownServer?.stop();
    await server?.close();
    await cluster?.dispose();
  });

  it('applies hosted, works, and moves to its own server with its data, all from the console', async () => {
    // ── Apply to be hosted; the leader approves. ──
    await page.goto(server.url);
    const form = page.getByTestId('apply-sign-in');
    await form.getByLabel('Your firm id').fill(FIRM);
    await form.getByRole('button', { name: 'Apply to join' }).click();
    await page.getByTestId('join-page').waitFor();
    const application = page.getByTestId('application-form');
    await application.getByLabel('Firm name').fill('Move Press Co.');
    await application.getByLabel('process PRESSING').check();
    await application.getByLabel('Host us (the cluster runs it for us)').check();
    await application.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('application-status').getByTestId('application-state').getAttribute('data-status')).toBe('PENDING');

    await signInAs(page, server.url, 'admin@lead');
    await openPage(page, 'Members');
    await page.getByTestId(`application-${FIRM}`).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId(`status-${FIRM}`).getAttribute('data-status'), { timeout: 30_000 }).toBe('ACTIVE');
    const hostedEndpoint = `${cluster.memberHostUrl}/firms/${FIRM}/graphql`;
    expect(await registryEntry()).toEqual({ endpoint: hostedEndpoint, hosting: 'HOSTED' });

    // ── The firm's admin sets up a line and its capacity, and shares capacity with the leader. ──
    await signInWhenListed(`admin@${FIRM}`);
    await openPage(page, 'Setup');
    const lines = page.getByTestId('setup-lines');
    await lines.getByLabel('Line id').fill(LINE);
    await lines.getByLabel('Line name').fill('Servo press line 1');
    await lines.getByLabel('Units per hour').fill('30');
    await lines.getByLabel('line process PRESSING').check();
    await lines.getByRole('button', { name: 'Save line' }).click();
    await lines.getByText('Servo press line 1').waitFor();
    const capacity = page.getByTestId('setup-capacity');
    await capacity.getByLabel('Capacity process').selectOption('PRESSING');
    const nextWeek = mondayFromNow(1);
    const week = capacity.getByTestId(`capacity-week-${nextWeek}`);
    await week.getByLabel(/^actual hours/).fill('64');
    await week.getByLabel(/^maximum hours/).fill('80');
    await week.getByLabel(/^price per hour/).fill('39000');
    await capacity.getByRole('button', { name: 'Save capacity' }).click();
    await expect.poll(() => week.getByLabel(/^actual hours/).inputValue()).toBe('64');
    await openPage(page, 'My data');
    const grant = page.getByTestId('grant-form');
    await grant.getByLabel('Grant category').selectOption('CAPACITY');
    await grant.getByLabel('Grantee').fill('LEADER');
    await grant.getByLabel('Grant purpose').selectOption('JOINT_PLANNING');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await page.getByTestId('policies-table').locator('tbody tr', { hasText: 'CAPACITY' }).waitFor();

    // ── Its MES reports events through the API: history to take along. ──
    const events = Array.from({ length: 6 }, (_, i) => ({ eventId: `mes-${i}`, lineId: LINE, state: i % 2 ? 'RUNNING' : 'IDLE' }));
    const reported = expectNoErrors(
      await call(`admin@${FIRM}`, `mutation($events: [LineEventInput!]!) { reportLineEvents(memberId: "${FIRM}", events: $events) { accepted } }`, { events }),
    );
    expect(reported.reportLineEvents.accepted).toBe(6);

    // Before the move is begun, the switch is refused (and to others always).
    expect(codeOf(await call(`admin@${FIRM}`, SWITCH, { endpoint: cluster.memberUrl('lead') }))).toBe('MEMBER_NOT_MOVING');
    for (const login of ['admin@cast', `planner@${FIRM}`, null]) {
      const answer = await call(login, SWITCH, { endpoint: cluster.memberUrl('lead') });
      expect(answer.data?.['updateMemberEndpoint'] ?? null, String(login)).toBeNull();
      if (login) expect(codeOf(answer), login).toBe('FORBIDDEN');
    }
    expect(codeOf(await call('admin@cast', `mutation { deleteHostedCopy(id: "${FIRM}") { deletedAt } }`)), 'another firm cannot delete the hosted copy').toBe(
      'FORBIDDEN',
    );

    // ── 1. Begin the move (My data → Move to our own server). ──
    await page.reload();
    const move = page.getByTestId('move-firm');
    await move.waitFor();
    await expect.poll(() => move.getByTestId('move-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('SERVING');
    expect(await move.getByTestId('move-current').textContent()).toContain(hostedEndpoint);
    await move.getByLabel('Reason for the move').fill('to our own server');
    await move.getByRole('button', { name: 'Begin the move' }).click();
    await expect.poll(() => move.getByTestId('move-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('MOVING');
    expect(await move.getByTestId('move-moving').textContent()).toContain('seq 6');
    // The hosted copy takes no write now.
    const refused = await call(
      `admin@${FIRM}`,
      `mutation { reportLineEvents(memberId: "${FIRM}", events: [{ eventId: "late", lineId: "${LINE}", state: DOWN }]) { accepted } }`,
    );
    expect(codeOf(refused)).toBe('MEMBER_MOVING');

    // ── 2. Download the archive. ──
    const [download] = await Promise.all([page.waitForEvent('download'), move.getByRole('button', { name: 'Download the archive' }).click()]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(new RegExp(`^clustergraph-${FIRM}-\\d{8}T\\d{6}Z\\.ndjson\\.gz$`));
    await move.getByTestId('move-archive-done').waitFor();
    const archive = join(dir, fileName);
    await download.saveAs(archive);

    // ── 3. The firm's IT runs the commands the console shows, on its own server. ──
    expect(await move.getByTestId('move-import-command').textContent()).toBe(
      `MEMBER_ID=${FIRM} DATABASE_URL=postgres://… pnpm member:import --file ${fileName}`,
    );
    expect(await move.getByTestId('move-start-command').textContent()).toContain(`MEMBER_ID=${FIRM} DATABASE_URL=postgres://… GATEWAY_JWKS_URL=`);
    await page.screenshot({ path: screenshotPath('console-move-moving'), fullPage: true });
    const ownDatabase = await cluster.database(`${FIRM}-own`);
    const dbEnv = { MEMBER_ID: FIRM, DATA_DIR: join(dir, `${FIRM}-own-data`), ...(ownDatabase ? { DATABASE_URL: ownDatabase } : {}) };
    const imported = await memberCommand(['import', '--file', archive], dbEnv);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: FIRM, lastEventSeq: 6 });
    const port = await freePort('127.0.0.1');
    const template = cluster.members.get('lead')!.options;
    const { SEED_PROFILE: _seed, DATABASE_URL: _leadUrl, ...templateEnv } = template.env;
    ownServer = new ServiceProcess({
      ...template,
      name: `member ${FIRM} (own server)`,
      env: { ...templateEnv, ...dbEnv, PORT: String(port) },
      healthUrl: `http://127.0.0.1:${port}/health`,
      logFile: template.logFile.replace(/member-lead\.log$/, `member-${FIRM}-own.log`),
    });
    await ownServer.start();
    const ownEndpoint = `http://127.0.0.1:${port}/graphql`;

    // ── 4. Switch. A wrong server first: another firm's is refused, and nothing changes. ──
    const switchForm = move.getByTestId('move-step-switch');
    await switchForm.getByLabel('New endpoint').fill(cluster.memberUrl('lead'));
    await switchForm.getByRole('button', { name: 'Switch to the new server' }).click();
    await expect.poll(() => switchForm.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/is not moveco's \(its MEMBER_ID is lead\)/);
    expect(await registryEntry()).toEqual({ endpoint: hostedEndpoint, hosting: 'HOSTED' });
    // The hosted copy cannot be deleted while it is the endpoint.
    expect(codeOf(await call(`admin@${FIRM}`, `mutation { deleteHostedCopy(id: "${FIRM}") { deletedAt } }`))).toBe('HOSTED_COPY_IN_USE');

    await switchForm.getByLabel('New endpoint').fill(ownEndpoint);
    await switchForm.getByRole('button', { name: 'Switch to the new server' }).click();
    await expect.poll(() => move.getByTestId('move-switched').textContent(), { timeout: 20_000 }).toContain(ownEndpoint);
    expect(await registryEntry()).toEqual({ endpoint: ownEndpoint, hosting: 'HOSTED' });
    await expect.poll(() => move.getByTestId('move-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('SERVING');

    // ── 5. Delete the hosted copy, recorded. ──
    await move.getByRole('button', { name: 'Delete the hosted copy' }).click();
    const record = move.getByTestId('copy-deletion');
    await record.waitFor({ timeout: 20_000 });
    expect(await record.textContent()).toContain(`admin@${FIRM}`);
    expect(await record.textContent()).toContain(hostedEndpoint);
    expect(await registryEntry()).toEqual({ endpoint: ownEndpoint, hosting: 'SELF_HOSTED' });
    await page.screenshot({ path: screenshotPath('console-move-done'), fullPage: true });

    // The host serves nothing of the firm any more.
    const host = await fetch(hostedEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(host.status).toBe(404);

    // ── The leader sees the firm's line, capacity and history, served by the firm's own server. ──
    await expect
      .poll(
        async () => {
          const answer = await call('admin@lead', `{ lines(memberIds: ["${FIRM}"]) { id name } }`);
          return answer.data?.['lines'] ?? answer.errors;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([{ id: LINE, name: 'Servo press line 1' }]);
    const planned = expectNoErrors(
      await call(
        'admin@lead',
        `{ member(id: "${FIRM}") { capacity(from: "${nextWeek}", to: "${nextWeek}", process: PRESSING) { actualHours maximumHours } } }`,
        {},
        'JOINT_PLANNING',
      ),
    );
    expect(planned.member.capacity).toEqual([{ actualHours: 64, maximumHours: 80 }]);
    const history = expectNoErrors(await call(`admin@${FIRM}`, `{ lineEvents(memberIds: ["${FIRM}"], limit: 100) { seq eventId } }`)).lineEvents;
    expect(history).toEqual(events.map((e, i) => ({ seq: i + 1, eventId: e.eventId })));
    // And the firm's writes land on its own server, numbered after the imported history.
    const after = expectNoErrors(
      await call(
        `admin@${FIRM}`,
        `mutation { reportLineEvents(memberId: "${FIRM}", events: [{ eventId: "after-move", lineId: "${LINE}", state: RUNNING }]) { accepted } }`,
      ),
    );
    expect(after.reportLineEvents.accepted).toBe(1);

    await signInAs(page, server.url, 'admin@lead');
    await openPage(page, 'Members');
    const entry = page.getByTestId(`member-${FIRM}`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain(ownEndpoint);
    expect(await entry.getByTestId('copy-deletion').textContent()).toContain(`admin@${FIRM}`);
    // The leader's own endpoint form runs the same checks: the firm's server is SERVING, so no switch.
    await entry.getByLabel(`new endpoint for ${FIRM}`).fill(cluster.memberUrl('lead'));
    await entry.getByRole('button', { name: 'Move endpoint' }).click();
    await expect.poll(() => entry.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/is SERVING: begin the move there first/);
    expect(await registryEntry()).toEqual({ endpoint: ownEndpoint, hosting: 'SELF_HOSTED' });
    await page.goto(`${server.url}#/members/${FIRM}`);
    await page.reload();
    await page.getByTestId('member-page').getByText('Servo press line 1').waitFor({ timeout: 30_000 });
    expect(browserErrors).toEqual([]);
  }, 300_000);
});
