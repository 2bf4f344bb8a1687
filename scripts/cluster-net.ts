// `pnpm cluster:net up|down|status`: the demo cluster with every firm on its own host (Linux
// network namespaces; root), wide-area links from the leader's site to each firm (10–40 ms
// round trips by region, one lossy link) and two gateway replicas behind HAProxy on
// http://127.0.0.1:4400/graphql. `up` starts a background process that holds the topology
// (its user-space links) and returns once the gateway answers; `down` stops it and removes
// every namespace, link, database and file it made.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CLUSTER, DEMO_FIRMS } from '../demo/src/members.ts';
import { demoMemberSpecs } from '../demo/src/profiles.ts';
import { DEMO_ORDERS } from '../demo/src/orders.ts';
import { seedDemoProgramme } from '../demo/src/aiTransition.ts';
import { removeHosts } from '../test/net/support/hosts.ts';
import { startNetCluster, type NetCluster, type NetMemberSpec } from '../test/net/support/netCluster.ts';
import { describeLink, LOSSY_FIRM, wanLink } from '../test/net/support/wan.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.data', 'net');
const stateFile = join(dir, 'state.json');
const PREFIX = 'cgnet';
const OCTET = 231;
const PORT = 4400;

interface State {
  pid: number;
  ready: boolean;
  error?: string;
  balancerPid?: number;
  databases?: string[];
  summary?: string[];
}

const readState = (): State | null => (existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : null);
const writeState = (state: State) => writeFileSync(stateFile, JSON.stringify(state, null, 2));
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function demoMembers(): NetMemberSpec[] {
  return demoMemberSpecs(0).map((spec) => {
    // As in the demo (demo/src/main.ts): the partners let the leader's planners follow their answers and risks.
    const profile = spec.seedProfile as { policies?: unknown[] };
    const planningGrants = spec.roles.includes('LEADER')
      ? []
      : (['ORDERS', 'AI_INSIGHTS'] as const).map((category) => ({ category, grantee: 'LEADER', purpose: 'JOINT_PLANNING' }));
    return {
      ...spec,
      seedProfile: { ...profile, policies: [...(profile.policies ?? []), ...planningGrants] },
      link: wanLink(spec.region, spec.id === LOSSY_FIRM),
    };
  });
}

function summary(cluster: NetCluster, withConsole: boolean): string[] {
  const gw = cluster.gatewayOrigin;
  const lines = [
    `gateway (HAProxy)  ${gw}/graphql   ${withConsole ? `console ${gw}/console/` : '(no console: build it with `pnpm --filter @clustergraph/web build`)'}`,
    ...[...cluster.gateways].map(([name, p]) => `  replica ${name}  ${p.origin}  (host ${p.options.host.netns})`),
    `cluster subgraph   ${cluster.clusterSubgraph.origin}  (host ${cluster.clusterSubgraph.options.host.netns})`,
  ];
  for (const firm of DEMO_FIRMS) {
    const member = cluster.members.get(firm.id)![0]!;
    const link = cluster.links.get(firm.id)!;
    lines.push(
      `member ${firm.id.padEnd(16)} host ${member.options.host.netns} ${member.options.host.address}  ${firm.region.padEnd(9)} ${describeLink(link.profile)}`,
    );
  }
  lines.push('', 'Sign in as in the demo, e.g.', `  curl '${gw}/auth/demo-token?user=planner@${DEMO_CLUSTER.leaderId}'`, `logs: ${join(dir, 'logs')}`);
  return lines;
}

/** The background process: holds the topology until SIGTERM. */
async function serve(): Promise<void> {
  let cluster: NetCluster | null = null;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await cluster?.stop();
    rmSync(stateFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  writeState({ pid: process.pid, ready: false });
  try {
    const consoleDir = join(root, 'clients', 'web', 'dist');
    const withConsole = existsSync(join(consoleDir, 'index.html'));
    cluster = await startNetCluster({
      prefix: PREFIX,
      octet: OCTET,
      dir,
      cluster: DEMO_CLUSTER,
      members: demoMembers(),
      balancerPort: PORT,
      seedOrders: DEMO_ORDERS,
      logLevel: 'warn',
      ...(withConsole ? { consoleDir } : {}),
      startTimeoutMs: 300_000,
    });
    await seedDemoProgramme(cluster.gatewayOrigin).catch((error: Error) => console.warn(`AI-transition programme not seeded: ${error.message}`));
    writeState({ pid: process.pid, ready: true, balancerPid: cluster.balancer.pid, summary: summary(cluster, withConsole) });
  } catch (error) {
    writeState({ pid: process.pid, ready: false, error: (error as Error).message });
    process.exit(1);
  }
}

async function up(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('cluster:net needs root (network namespaces)');
  const state = readState();
  if (state && alive(state.pid)) throw new Error(`already up (pid ${state.pid}); \`pnpm cluster:net down\` first`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const log = openSync(join(dir, 'logs', 'cluster-net.log'), 'a');
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url), 'serve'], { detached: true, stdio: ['ignore', log, log], cwd: root });
  child.unref();
  const started = Date.now();
  console.log('cluster:net: starting 6 firms on their own hosts, the cluster subgraph and two gateways…');
  for (;;) {
    await sleep(500);
    const now = readState();
    if (now?.ready) {
      console.log(`\nClusterGraph on the network is up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      for (const line of now.summary ?? []) console.log(`  ${line}`);
      console.log('\n`pnpm cluster:net down` removes it all.');
      return;
    }
    if (now?.error || !alive(child.pid)) {
      throw new Error(`cluster:net failed to start: ${now?.error ?? 'the background process exited'}; see ${join(dir, 'logs')}`);
    }
  }
}

async function down(): Promise<void> {
  const state = readState();
  if (state && alive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (alive(state.pid) && Date.now() < deadline) await sleep(250);
    if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  }
  // Whatever a killed background process left: HAProxy, the hosts (and what runs in them).
  if (state?.balancerPid && alive(state.balancerPid)) process.kill(state.balancerPid, 'SIGKILL');
  removeHosts(PREFIX, OCTET);
  rmSync(dir, { recursive: true, force: true });
  console.log('cluster:net: down (processes, namespaces, links, HAProxy, databases and .data/net removed)');
}

const command = process.argv[2];
try {
  if (command === 'up') await up();
  else if (command === 'down') await down();
  else if (command === 'serve') await serve();
  else if (command === 'status') {
    const state = readState();
    console.log(state && alive(state.pid) ? (state.ready ? ['up', ...(state.summary ?? [])].join('\n  ') : 'starting') : 'down');
  } else {
    console.error('usage: pnpm cluster:net up|down|status');
    process.exit(2);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
