/**
 * Gateway overhead benchmark (issue 2): the demo cluster's six members as processes, each on
 * its own database, and the acceptance query
 *   { members { id name roles lines { id name status { state } } capacity(from, to) { … } } }
 * through the gateway, against the member-subgraph part of it sent straight to ONE member
 * (with a gateway-signed token, as the gateway would). Prints the median and p90 of 20 runs
 * after 5 warm-ups. Run: `pnpm bench:gateway` (BENCH_DRIVER=pglite to force PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCluster } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { ServiceTokenSigner, loadOrCreateSigningKeys, memberAudience } from '@clustergraph/runtime';
import { gql, demoToken, mondayFromNow } from '../src/index.ts';
import { benchMembers } from './support/demoCluster.ts';

const RUNS = 20;
const WARMUP = 5;
const driver = process.env['BENCH_DRIVER'] === 'pglite' ? 'pglite' : undefined;

const rootDir = mkdtempSync(join(tmpdir(), 'cg-bench-gw-'));
const databases: TestDatabase[] = [];
const cluster = await launchCluster({
  rootDir,
  cluster: { id: 'bench', name: 'Bench cluster', region: 'Busan', industry: 'EV parts', leaderId: 'hanbit-ev' },
  members: benchMembers(),
  demoAuth: true,
  logLevel: 'warn',
  databaseUrl: async (service) => {
    const db = await createTestDatabase(`bench_${service}`, driver);
    databases.push(db);
    return db.url;
  },
});

const from = mondayFromNow(0);
const to = mondayFromNow(4);
const gatewayQuery = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;
// What the member subgraph answers for one member in that query (its entity fetch).
const memberQuery = `query($r: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $r) { ... on Member { lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } } }`;

async function time(fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;

try {
  const token = await demoToken(cluster.gatewayOrigin, 'planner@hanbit-ev');
  const signer = new ServiceTokenSigner(await loadOrCreateSigningKeys(join(rootDir, 'keys', 'gateway-signing-key.json')));
  // Single-use and bound to the member, like the gateway's own: one per direct call.
  const serviceToken = () =>
    signer.sign(
      { viewer: { userId: 'planner@hanbit-ev', memberId: 'hanbit-ev', roles: ['planner'], memberRoles: ['LEADER'] }, purpose: 'JOINT_PLANNING', system: false },
      memberAudience('daesung-casting'),
    );

  let members = 0;
  const viaGateway = await time(async () => {
    const r = await gql(cluster.gatewayUrl, gatewayQuery, { from, to }, { token, purpose: 'JOINT_PLANNING' });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    members = (r.data['members'] as unknown[]).length;
  });
  const oneMember = await time(async () => {
    const r = await gql(
      cluster.memberUrl('daesung-casting'),
      memberQuery,
      { r: [{ __typename: 'Member', id: 'daesung-casting' }], from, to },
      { token: await serviceToken(), purpose: 'JOINT_PLANNING' },
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
  });
  console.log(`driver: ${databases[0]?.driver ?? 'pglite'}; ${members} members; ${RUNS} runs after ${WARMUP} warm-ups`);
  console.log(`through the gateway (6 members + cluster): median ${pct(viaGateway, 50).toFixed(1)} ms, p90 ${pct(viaGateway, 90).toFixed(1)} ms`);
  console.log(`one member alone (its part of the query):  median ${pct(oneMember, 50).toFixed(1)} ms, p90 ${pct(oneMember, 90).toFixed(1)} ms`);
} finally {
  await cluster.stop();
  await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  rmSync(rootDir, { recursive: true, force: true });
}
