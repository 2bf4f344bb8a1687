import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mondayFromNow, startTestCluster, type TestCluster } from '@clustergraph/test';
import { cliArgv, repoRoot, runCommand } from './support/cli.ts';

// The CLI as users run it, against a whole test cluster: the TypeScript source through
// tsx and the bundled `clustergraph` binary, each with its own config file.
describe('clustergraph CLI', () => {
  let cluster: TestCluster;
  let configDir: string;
  let installDir: string;

  const run = (args: string[], { binary = false, installed = false, env = {} }: { binary?: boolean; installed?: boolean; env?: Record<string, string> } = {}) =>
    // installed: the `clustergraph` command npm put on the PATH; binary: the bundle run by node.
    installed ? runCommand(join(installDir, 'bin', 'clustergraph'), args, cliEnv(env)) : runCommand(process.execPath, cliArgv(args, binary), cliEnv(env));
  const cliEnv = (env: Record<string, string>) => ({ ...process.env, CLUSTERGRAPH_CONFIG: join(configDir, 'config.json'), NO_COLOR: '1', ...env });

  beforeAll(async () => {
    execFileSync('pnpm', ['--silent', '--filter', '@clustergraph/cli', 'run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    configDir = mkdtempSync(join(tmpdir(), 'cg-cli-'));
    // Installed as users install it: the packed package (the bundle, no dependencies) into a global prefix.
    installDir = join(configDir, 'prefix');
    execFileSync('pnpm', ['pack', '--pack-destination', configDir], { cwd: join(repoRoot, 'clients', 'cli'), stdio: 'pipe' });
    execFileSync(
      'npm',
      ['install', '--global', '--prefix', installDir, '--offline', '--no-audit', '--no-fund', join(configDir, 'clustergraph-cli-0.1.0.tgz')],
      { stdio: 'pipe' },
    );
    cluster = await startTestCluster();
  }, 300_000); // builds, packs and installs the CLI, then starts a cluster: slow on a shared 2-core machine

  afterAll(async () => {
    await cluster?.dispose();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('refuses to log in an unknown user, says why and keeps the stored session', async () => {
    const unknownUser = await run(['login', '--as', 'ghost@lead', '--endpoint', cluster.gatewayUrl]);
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr).toContain('error: unknown demo user "ghost@lead"');
    expect(unknownUser.stdout).toBe('');
    const unknownMember = await run(['login', '--as', 'admin@nowhere', '--endpoint', cluster.gatewayUrl]);
    expect(unknownMember.code).toBe(1);
    expect(unknownMember.stderr).toContain('no member "nowhere"');
    const notALogin = await run(['login', '--as', 'lead', '--endpoint', cluster.gatewayUrl]);
    expect(notALogin.code).not.toBe(0);
    expect(notALogin.stderr).toMatch(/not <user>@<memberId>/);
    expect(() => readFileSync(join(configDir, 'config.json'))).toThrow(/ENOENT/); // nothing stored
  });

  it('logs in and stores the token for the endpoint, readable only by the user', async () => {
    const result = await run(['login', '--as', 'admin@lead', '--endpoint', cluster.gatewayUrl]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Signed in as admin of lead');
    const configFile = join(configDir, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(config.endpoint).toBe(cluster.gatewayUrl);
    expect(config.sessions[cluster.gatewayUrl].token).toMatch(/^ey/);
    expect(statSync(configFile).mode & 0o077).toBe(0);
  });

  it('lists members as a table and as JSON', async () => {
    const table = await run(['members']);
    expect(table.code).toBe(0);
    for (const name of ['Lead Assembly Co.', 'Cast Partner Co.', 'Heat Partner Co.']) expect(table.stdout).toContain(name);
    expect(table.stdout).toMatch(/HEAT_TREATMENT/);

    const json = await run(['members', '--json']);
    expect(json.code).toBe(0);
    const members = JSON.parse(json.stdout) as Array<{ id: string; roles: string[] }>;
    expect(members.map((m) => m.id).sort()).toEqual(['cast', 'heat', 'lead']);
    expect(members.find((m) => m.id === 'lead')!.roles).toContain('LEADER');
  });

  it('lists lines, filtered by state', async () => {
    const all = await run(['lines', '--json']);
    expect(all.code).toBe(0);
    const lines = JSON.parse(all.stdout) as Array<{ memberId: string; id: string; status: { state: string } }>;
    expect(lines.map((l) => l.id).sort()).toEqual(['cast-line-1', 'heat-line-1', 'lead-line-1']);
    const state = lines[0]!.status.state;
    const filtered = await run(['lines', '--state', state.toLowerCase(), '--json']);
    expect(filtered.code).toBe(0);
    expect((JSON.parse(filtered.stdout) as typeof lines).every((l) => l.status.state === state)).toBe(true);
    const none = await run(['lines', '--state', 'MAINTENANCE']);
    expect(none.code).toBe(0);
  });

  it('shows capacity per week for a process', async () => {
    // Capacity is shared with the leader for joint planning (the default policy): without
    // --purpose, `capacity` asks for JOINT_PLANNING, the purpose it serves, and says so.
    const result = await run(['capacity', '--process', 'HEAT_TREATMENT', '--weeks', '3']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('asked for: JOINT_PLANNING');
    expect(result.stdout).not.toContain('(no data)');
    expect(result.stdout).toContain('Heat Partner Co.');
    expect(result.stdout).not.toContain('Cast Partner Co.');
    expect(result.stdout).toMatch(/100 \/ 100/); // available / actual, nothing committed yet

    const json = await run(['capacity', '--process', 'CASTING', '--weeks', '2', '--json', '--purpose', 'JOINT_PLANNING']);
    const rows = JSON.parse(json.stdout) as Array<{ memberId: string; weeks: Array<{ actualHours: number } | null> }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ memberId: 'cast' });
    expect(rows[0]!.weeks.map((w) => w?.actualHours)).toEqual([120, 120]);

    const tooMuch = await run(['capacity', '--process', 'HEAT_TREATMENT', '--min-available', '1000', '--purpose', 'JOINT_PLANNING']);
    expect(tooMuch.code).toBe(0);
    expect(tooMuch.stdout).toContain('No member has 1000 h free');

    // Asked for another purpose, the partners withhold it: said as withheld, named on stderr, exit 0.
    const monitoring = await run(['capacity', '--process', 'HEAT_TREATMENT', '--weeks', '2', '--purpose', 'MONITORING']);
    expect(monitoring.code).toBe(0);
    expect(monitoring.stdout).toContain('asked for: MONITORING');
    expect(monitoring.stdout).toMatch(/Heat Partner Co\.\s*│\s*withheld/);
    expect(monitoring.stderr).toContain("note: withheld by Heat Partner Co.'s sharing policy (CAPACITY for MONITORING)");
  });

  it('creates, lists, plans and proposes a joint order', async () => {
    const file = join(configDir, 'order.json');
    const order = {
      code: 'JO-CLI',
      customer: 'EV Motors',
      product: 'Bracket',
      quantity: 100,
      dueDate: mondayFromNow(4),
      routing: [
        { process: 'CASTING', hoursPerUnit: 0.2, setupHours: 2, transportDaysToNext: 1 },
        { process: 'HEAT_TREATMENT', hoursPerUnit: 0.1 },
      ],
    };
    writeFileSync(file, JSON.stringify(order));
    // A relative --file is read from the directory the user ran the command in (INIT_CWD), not the process's.
    const created = await run(['orders', 'create', '--file', 'order.json', '--json'], { env: { INIT_CWD: configDir } });
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const list = await run(['orders', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('JO-CLI');
    expect(list.stdout).toContain('DRAFT');

    const planned = await run(['orders', 'plan', id, '--time-limit', '5']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/Plan plan-\S+ v1 \(DRAFT/);
    expect(planned.stdout).toContain('Cast Partner Co.');
    expect(planned.stdout).toContain('Heat Partner Co.');

    const proposed = await run(['orders', 'propose', id]);
    expect(proposed.code).toBe(0);
    expect(proposed.stdout).toMatch(/Proposed plan .+: 2 allocation\(s\) sent/);
    const after = JSON.parse((await run(['orders', 'list', '--json'])).stdout) as Array<{ id: string; status: string }>;
    expect(after.find((o) => o.id === id)?.status).toBe('PROPOSED');

    const missing = await run(['orders', 'plan', 'no-such-order']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*no-such-order/m);
  }, 180_000); // a dozen CLI runs and a HiGHS plan on a shared machine

  it('reads --file relative to the directory the user ran `pnpm -s cli` in', async () => {
    const order = {
      code: 'JO-CLI-CWD',
      customer: 'EV Motors',
      product: 'Bracket',
      quantity: 50,
      dueDate: mondayFromNow(5),
      routing: [{ process: 'CASTING', hoursPerUnit: 0.2 }],
    };
    // As users run it: `pnpm -s cli` from the repository root (pnpm runs the CLI inside
    // clients/cli), naming the file relative to the root.
    const userDir = join(repoRoot, 'test', 'artifacts');
    mkdirSync(userDir, { recursive: true });
    writeFileSync(join(userDir, 'cli-order.json'), JSON.stringify(order));
    const { INIT_CWD: _ignored, ...envWithoutInitCwd } = process.env;
    const viaPnpm = await runCommand(
      'pnpm',
      ['-s', 'cli', 'orders', 'create', '--file', 'test/artifacts/cli-order.json'],
      { ...envWithoutInitCwd, CLUSTERGRAPH_CONFIG: join(configDir, 'config.json'), NO_COLOR: '1' },
      100_000,
    );
    expect(viaPnpm.stderr).toBe('');
    expect(viaPnpm).toMatchObject({ code: 0 });
    expect(viaPnpm.stdout).toContain('Created order JO-CLI-CWD');
    const missingFile = await run(['orders', 'create', '--file', 'no-such-order.json'], { env: { INIT_CWD: configDir } });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain(`cannot read ${join(configDir, 'no-such-order.json')}`);
  }, 150_000);

  it('lets the partners accept and decline the allocations proposed to them', async () => {
    const asCast = { CLUSTERGRAPH_CONFIG: join(configDir, 'cast.json') };
    const asHeat = { CLUSTERGRAPH_CONFIG: join(configDir, 'heat.json') };
    expect((await run(['login', '--as', 'admin@cast', '--endpoint', cluster.gatewayUrl], { env: asCast })).code).toBe(0);
    expect((await run(['login', '--as', 'admin@heat', '--endpoint', cluster.gatewayUrl], { env: asHeat })).code).toBe(0);

    // The order proposed above put one allocation on each partner.
    type Allocation = { id: string; status: string; process: string; declineReason: string | null };
    const castList = await run(['allocations', '--status', 'proposed', '--json'], { env: asCast });
    expect(castList.code).toBe(0);
    const [castAllocation] = JSON.parse(castList.stdout) as Allocation[];
    expect(castAllocation).toMatchObject({ status: 'PROPOSED', process: 'CASTING' });
    const table = await run(['allocations'], { env: asCast });
    expect(table.stdout).toContain(castAllocation!.id);
    expect(table.stdout).toContain('PROPOSED');
    // What the partner needs to decide: the order, the price, the operation after its own and who does it.
    expect(table.stdout).toContain('JO-CLI');
    expect(table.stdout).toContain('Bracket');
    expect(table.stdout).toContain('EV Motors');
    expect(table.stdout).toContain(mondayFromNow(4));
    expect(table.stdout).toMatch(/op 1 HEAT_TREATMENT: Heat Partner Co\. \d{4}-W\d{2} \(100\)/);
    expect(table.stdout).toContain('asked for: JOINT_PLANNING');
    const [withProposal] = JSON.parse((await run(['allocations', '--json'], { env: asCast })).stdout) as Array<{
      proposal: { orderCode: string; price: number; pricePerHour: number };
    }>;
    expect(withProposal!.proposal).toMatchObject({ orderCode: 'JO-CLI', pricePerHour: 70_000 });

    const accepted = await run(['allocations', 'respond', castAllocation!.id, 'accept'], { env: asCast });
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toContain(`Allocation ${castAllocation!.id} is now ACCEPTED.`);

    const [heatAllocation] = JSON.parse((await run(['allocations', '--json'], { env: asHeat })).stdout) as Allocation[];
    const declined = await run(['allocations', 'respond', heatAllocation!.id, 'DECLINE', '--reason', 'furnace relining that week', '--json'], { env: asHeat });
    expect(declined.code).toBe(0);
    expect(JSON.parse(declined.stdout)).toMatchObject({ id: heatAllocation!.id, status: 'DECLINED', declineReason: 'furnace relining that week' });
    const afterwards = JSON.parse((await run(['allocations', '--status', 'DECLINED', '--json'], { env: asHeat })).stdout) as Allocation[];
    expect(afterwards.map((a) => a.id)).toEqual([heatAllocation!.id]);

    // Answered once; a second answer is refused with the API's words, and a bad answer is wrong usage.
    const again = await run(['allocations', 'respond', castAllocation!.id, 'decline'], { env: asCast });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`error: allocation ${castAllocation!.id} is ACCEPTED; only a PROPOSED allocation can be accepted or declined`);
    const maybe = await run(['allocations', 'respond', castAllocation!.id, 'maybe'], { env: asCast });
    expect(maybe.code).toBe(2);
    expect(maybe.stderr).toContain('answer must be accept or decline');
  }, 180_000);

  it('watches line events live and stops cleanly on Ctrl-C (SIGINT)', async () => {
    const child = spawn(join(installDir, 'bin', 'clustergraph'), ['watch', 'lines'], {
      cwd: repoRoot,
      env: { ...process.env, CLUSTERGRAPH_CONFIG: join(configDir, 'config.json'), NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await expect.poll(() => stderr, { timeout: 15_000 }).toContain('[connecting]');
      const token = await cluster.token('admin@cast');
      // Report until the watcher prints it (graphql-ws does not say when the gateway's fan-in has
      // reached every member; the CLI says [live] with the first event).
      // Alternate the state, so that every report is a change of status (repeats are progress reports).
      let attempt = 0;
      await expect
        .poll(
          async () => {
            const res = await fetch(cluster.gatewayUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({
                query: 'mutation($e:[LineEventInput!]!){reportLineEvents(events:$e){accepted}}',
                variables: {
                  e: [
                    {
                      eventId: `cli-watch-${Date.now()}`,
                      lineId: 'cast-line-1',
                      ...(attempt++ % 2 === 0 ? { state: 'DOWN', reasonCode: 'TOOL_BREAK' } : { state: 'RUNNING' }),
                    },
                  ],
                },
              }),
            });
            expect((await res.json()).data.reportLineEvents.accepted).toBe(1);
            return stdout;
          },
          { timeout: 15_000, interval: 1000 },
        )
        .toMatch(/cast\s+cast-line-1\s+.*→ DOWN\s+TOOL_BREAK\s+#\d+/);
      expect(stderr).toContain('[live]');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("lists the firm's sharing policies and its data usage", async () => {
    const asCast = { CLUSTERGRAPH_CONFIG: join(configDir, 'cast.json') };
    expect((await run(['login', '--as', 'admin@cast', '--endpoint', cluster.gatewayUrl], { env: asCast })).code).toBe(0);
    const policies = await run(['policies'], { env: asCast });
    expect(policies.code).toBe(0);
    expect(policies.stdout).toContain('LINE_STATUS');
    expect(policies.stdout).toContain('LEADER');
    const json = JSON.parse((await run(['policies', '--json'], { env: asCast })).stdout) as Array<{ category: string }>;
    expect(json.some((p) => p.category === 'CAPACITY')).toBe(true);

    // The leader has read cast's capacity and lines above: the ledger says so.
    const usage = await run(['usage', '--json'], { env: asCast });
    expect(usage.code).toBe(0);
    const summary = JSON.parse(usage.stdout) as Array<{ readerMemberId: string; category: string; allowedRecords: number }>;
    expect(summary.some((s) => s.readerMemberId === 'lead' && s.allowedRecords > 0)).toBe(true);
    const ledger = await run(['usage', '--ledger', '--reader', 'lead'], { env: asCast });
    expect(ledger.code).toBe(0);
    expect(ledger.stdout).toContain('lead');

    const badCategory = await run(['usage', '--category', 'SECRETS'], { env: asCast });
    expect(badCategory.code).toBe(2);
  });

  it('runs as the bundled binary and as the installed `clustergraph` command', async () => {
    const result = await run(['members'], { binary: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Heat Partner Co.');

    const version = await run(['--version'], { installed: true });
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const members = await run(['members', '--json'], { installed: true });
    expect(members.code).toBe(0);
    expect((JSON.parse(members.stdout) as Array<{ id: string }>).map((m) => m.id).sort()).toEqual(['cast', 'heat', 'lead']);
    const down = await run(['lines', '--state', 'DOWN', '--json', '--endpoint', cluster.gatewayUrl], { installed: true });
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)).toEqual(expect.any(Array));
  });

  it('exits 2 on wrong usage and 1 with the GraphQL error message on API errors', async () => {
    const usage = await run(['capacity', '--process', 'BAKING']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown process "BAKING"');

    const apiError = await run(['allocations', 'respond', 'no-such-allocation', 'accept']);
    expect(apiError.code).toBe(1);
    expect(apiError.stderr).toMatch(/^error: .+/m);

    const unreachable = await run(['members', '--endpoint', 'http://127.0.0.1:9/graphql']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach http://127.0.0.1:9/graphql');
  });

  it('names data withheld by a sharing policy on stderr and exits 0 (3 with --strict)', async () => {
    // Heat stops sharing its line status with the leader for monitoring.
    const token = await cluster.token('admin@heat');
    const gql = async (query: string) => {
      const res = await fetch(cluster.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data: { member: { sharingPolicies: Array<{ id: string; category: string; purpose: string }> } } };
    };
    const policies = (await gql('{ member(id: "heat") { sharingPolicies { id category purpose } } }')).data.member.sharingPolicies;
    const lineStatus = policies.find((p) => p.category === 'LINE_STATUS' && p.purpose === 'MONITORING')!;
    await gql(`mutation { revokeSharing(memberId: "heat", policyId: "${lineStatus.id}") { id } }`);

    const members = await run(['members']);
    expect(members.code).toBe(0);
    expect(members.stdout).toMatch(/Heat Partner Co\..*1 line, status withheld/);
    expect(members.stdout).not.toMatch(/Heat Partner Co\..*\d+\/\d+ running/);
    expect(members.stdout).toContain('asked for: MONITORING');
    expect(members.stderr).toBe("note: withheld by Heat Partner Co.'s sharing policy (LINE_STATUS for MONITORING)\n");
    const lines = await run(['lines']);
    expect(lines.code).toBe(0);
    expect(lines.stderr).toMatch(/^note: withheld by .*sharing policy \(LINE_STATUS for MONITORING\)$/m);
    expect(lines.stderr).not.toContain('warning');

    const strict = await run(['members', '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain("warning: withheld by Heat Partner Co.'s sharing policy");
    const strictLines = await run(['lines', '--strict']);
    expect(strictLines.code).toBe(3);
    // For the purpose heat still grants, nothing is withheld.
    const planning = await run(['members', '--purpose', 'JOINT_PLANNING']);
    expect(planning).toMatchObject({ code: 0, stderr: '' });
  });

  it('prints what answered and names the member that did not (exit 3)', async () => {
    await cluster.members.get('heat')!.stop();
    const result = await run(['members']);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Lead Assembly Co.');
    expect(result.stdout).toContain('Heat Partner Co. unreachable');
    expect(result.stderr).toContain('warning: Heat Partner Co. unreachable');
    const lines = await run(['lines']);
    expect(lines.code).toBe(3);
    expect(lines.stderr).toMatch(/warning: .*unreachable/);
    expect(lines.stdout).toContain('cast-line-1');
  });
});
