import type { RunningCluster } from '@clustergraph/launcher';
import { DEMO_CLUSTER, DEMO_FIRMS } from './members.ts';

/** Monday of the ISO week of `day`, and the Sunday two weeks later (YYYY-MM-DD, UTC). */
function weeksFrom(day: Date): { from: string; to: string } {
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7)));
  const sunday = new Date(monday.getTime() + 20 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/**
 * The banner's "Try:" commands: a token of the leader's planner from the demo issuer, then a
 * query asking, for JOINT_PLANNING, only what every demo firm shares with the leader for it
 * (registry, lines as capability, capacity) — so the first thing pasted answers without a
 * FORBIDDEN. Node reads the token out of the JSON (no jq needed: Node is installed already).
 */
export function tryCommands(gatewayOrigin: string, today = new Date()): string[] {
  const { from, to } = weeksFrom(today);
  const query = `{ members { id name roles lines { id name } capacity(from: \\"${from}\\", to: \\"${to}\\") { process weekStart availableHours } } }`;
  return [
    `TOKEN=$(curl -s '${gatewayOrigin}/auth/demo-token?user=planner@${DEMO_CLUSTER.leaderId}' | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')`,
    `curl -s ${gatewayOrigin}/graphql -H "authorization: Bearer $TOKEN" -H 'x-clustergraph-purpose: JOINT_PLANNING' \\`,
    `  -H 'content-type: application/json' -d '{"query":"${query}"}'`,
  ];
}

/** Prints what runs where, and how to try it. */
export function printBanner(cluster: RunningCluster, rootDir: string, elapsedMs: number): void {
  const gw = cluster.gatewayOrigin.replace('127.0.0.1', 'localhost');
  const rows = [
    ['web console', `${gw}/console/`, 'sign in as any demo user'],
    ['gateway', `${gw}/graphql`, 'GraphQL: queries, mutations, subscriptions (graphql-ws)'],
    ['cluster subgraph', cluster.clusterUrl, `${DEMO_CLUSTER.name} (registry)`],
    ...DEMO_FIRMS.map((f) => [`member ${f.id}`, cluster.memberUrl(f.id), `${f.name} — ${f.roles.join(', ')}, ${f.region}`]),
    ...(cluster.memberHostUrl ? [['member host', `${cluster.memberHostUrl}/firms/<memberId>/graphql`, 'hosted firms (none until one joins hosted)']] : []),
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length));
  console.log(`\nClusterGraph demo is up in ${(elapsedMs / 1000).toFixed(1)} s\n`);
  for (const [what, url, note] of rows) console.log(`  ${what!.padEnd(width)}  ${url}  ${note}`);
  console.log(`\n  data folders (PGlite): ${rootDir}/data   logs: ${rootDir}/logs`);
  console.log(`\nSign in (demo auth is on): users admin@<memberId> and planner@<memberId>, e.g.`);
  console.log(`  curl '${gw}/auth/demo-token?user=admin@${DEMO_CLUSTER.leaderId}'`);
  console.log(`\nTry (as the leader's planner, for joint planning: every firm's lines and capacity):\n`);
  for (const line of tryCommands(gw)) console.log(`  ${line}`);
  console.log('\nA member process that dies is restarted (and said so here). Ctrl-C stops everything.');
}
