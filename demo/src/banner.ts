import type { RunningCluster } from '@clustergraph/launcher';
import { DEMO_CLUSTER, DEMO_FIRMS } from './members.ts';

/** Prints what runs where, and how to try it. */
export function printBanner(cluster: RunningCluster, rootDir: string, elapsedMs: number): void {
  const gw = cluster.gatewayOrigin.replace('127.0.0.1', 'localhost');
  const rows = [
    ['web console', `${gw}/console/`, 'sign in as any demo user'],
    ['gateway', `${gw}/graphql`, 'GraphQL: queries, mutations, subscriptions (graphql-ws)'],
    ['cluster subgraph', cluster.clusterUrl, `${DEMO_CLUSTER.name} (registry)`],
    ...DEMO_FIRMS.map((f) => [`member ${f.id}`, cluster.memberUrl(f.id), `${f.name} — ${f.roles.join(', ')}, ${f.region}`]),
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length));
  console.log(`\nClusterGraph demo is up in ${(elapsedMs / 1000).toFixed(1)} s\n`);
  for (const [what, url, note] of rows) console.log(`  ${what!.padEnd(width)}  ${url}  ${note}`);
  console.log(`\n  data folders (PGlite): ${rootDir}/data   logs: ${rootDir}/logs`);
  console.log(`\nSign in (demo auth is on): users admin@<memberId> and planner@<memberId>, e.g.`);
  console.log(`  curl '${gw}/auth/demo-token?user=admin@${DEMO_CLUSTER.leaderId}'`);
  console.log(`\nTry:  curl -s ${gw}/graphql -H 'content-type: application/json' \\`);
  console.log(`        -d '{"query":"{ members { id name roles lines { id name status { state } } } }"}'`);
  console.log('\nCtrl-C stops everything.');
}
