// `pnpm start`: the demo cluster. Cluster subgraph, six member subgraphs as separate
// processes (each on its own embedded PGlite folder under .data/demo), a member host for
// firms that join hosted (empty at first), and the gateway on http://localhost:4000. Data survives a restart; Ctrl-C stops everything cleanly.
import { fileURLToPath } from 'node:url';
import { launchCluster, PortsInUseError, Supervisor, type MemberSpec, type RunningCluster } from '@clustergraph/launcher';
import { lockDataDir } from '@clustergraph/runtime';
import { DEMO_CLUSTER, DEMO_FIRMS } from './members.ts';
import { demoMemberSpecs } from './profiles.ts';
import { DEMO_ORDERS } from './orders.ts';
import { printBanner } from './banner.ts';
import { seedDemoProgramme } from './aiTransition.ts';
import { loadDemoConfig, portSetting, type DemoConfig } from './config.ts';
import { reportSupervisorEvent } from './supervision.ts';

/**
 * The demo firms other than the leader choose to let the leader's planners follow the work
 * proposed to them, for JOINT_PLANNING: their answers to its allocation proposals (ORDERS)
 * and each allocation's delay risk (AI_INSIGHTS, derived from their production data). The
 * member defaults deliberately grant neither (issue 3: deny by default except profile,
 * capability and the leader's capacity view), so a firm that joins must opt in before the
 * planner can follow its answers and risks.
 */
function withLeaderPlanningGrants(spec: MemberSpec): MemberSpec {
  if (spec.roles.includes('LEADER')) return spec;
  const profile = spec.seedProfile as { policies?: unknown[] };
  const grants = (['ORDERS', 'AI_INSIGHTS'] as const).map((category) => ({ category, grantee: 'LEADER', purpose: 'JOINT_PLANNING' }));
  return { ...spec, seedProfile: { ...profile, policies: [...(profile.policies ?? []), ...grants] } };
}

let config: DemoConfig;
try {
  config = loadDemoConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const rootDir = config.DEMO_DATA_DIR;
const gatewayPort = config.PORT;
// The cluster subgraph and the members' ports; 0 picks free ones (the e2e test runs a demo beside yours).
const clusterPort = config.CLUSTER_PORT;
const memberBasePort = config.MEMBER_BASE_PORT;
const verbose = config.verbose;

const started = Date.now();
try {
  // One demo per data folder: a second one would open the members' PGlite folders twice.
  lockDataDir(rootDir);
} catch (error) {
  const message = (error as Error).message;
  console.error(
    message.includes('in use by process')
      ? `A ClusterGraph demo is already running on ${rootDir}; stop it (Ctrl-C in its terminal) first.`
      : `Cannot start the demo: ${message}`,
  );
  process.exit(1);
}
console.log(`ClusterGraph demo: starting ${DEMO_FIRMS.length} members, the cluster subgraph and the gateway…`);

let cluster: RunningCluster | null = null;
let stopping = false;
// Ctrl-C during start-up: the launcher stops what it has started, then the demo exits.
const startup = new AbortController();
let launching: Promise<RunningCluster | null> = Promise.resolve(null);
// Restarts a service that dies on its own (a member killed, out of memory…) and says so.
const supervisor = new Supervisor(reportSupervisorEvent, {
  maxCrashes: config.DEMO_MAX_RESTARTS,
  windowMs: config.DEMO_RESTART_WINDOW_MS,
  startTimeoutMs: config.DEMO_START_TIMEOUT_MS,
});
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  supervisor.stop(); // first: a service stopping now is not a crash to restart
  console.log(`\n${signal}: stopping the demo cluster…`);
  startup.abort();
  const launched = await launching.catch(() => null);
  await (cluster ?? launched)?.stop();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const launch = launchCluster({
    rootDir,
    cluster: DEMO_CLUSTER,
    members: demoMemberSpecs(memberBasePort).map(withLeaderPlanningGrants),
    host: '127.0.0.1',
    gatewayPort,
    ...(clusterPort > 0 ? { clusterPort } : {}),
    memberHost: config.MEMBER_HOST_PORT > 0 ? { port: config.MEMBER_HOST_PORT } : {},
    demoAuth: true,
    logPretty: true,
    logLevel: config.LOG_LEVEL,
    startTimeoutMs: config.DEMO_START_TIMEOUT_MS,
    ...(verbose ? { echo: process.stdout } : {}),
    gatewayEnv: { PUBLIC_URL: `http://localhost:${gatewayPort}` },
    consoleDir: fileURLToPath(new URL('../../clients/web/dist', import.meta.url)),
    seedOrders: DEMO_ORDERS,
    signal: startup.signal,
  });
  launching = launch;
  cluster = await launch;
} catch (error) {
  if (stopping) await new Promise(() => {}); // shutdown() reports and exits
  if (error instanceof PortsInUseError) {
    for (const { port, service, code } of error.taken) {
      const why =
        code === 'EADDRINUSE'
          ? 'is in use (another ClusterGraph demo, or another program)'
          : code.startsWith('also wanted')
            ? `is ${code}`
            : `cannot be used (${code})`;
      console.error(
        `Cannot start the demo: port ${port} for the ${service === 'cluster' ? 'cluster subgraph' : service} ${why}. Stop what uses it, or set ${portSetting(service, config)} to a free port.`,
      );
    }
    console.error('Nothing was started.');
  } else {
    console.error(`demo failed to start: ${(error as Error).message}`);
  }
  process.exit(1);
}
if (!stopping)
  for (const proc of [cluster.gateway, cluster.cluster, ...(cluster.memberHost ? [cluster.memberHost] : []), ...cluster.members.values()])
    supervisor.watch(proc);
// The anchor's AI-transition programme (issue 6), created through the gateway on first start.
if (!stopping)
  await seedDemoProgramme(cluster.gatewayOrigin).catch((error: Error) => console.warn(`demo AI-transition programme not seeded: ${error.message}`));
if (!stopping) printBanner(cluster, rootDir, Date.now() - started);
