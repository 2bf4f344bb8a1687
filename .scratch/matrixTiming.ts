import { readFileSync } from 'node:fs';
import { startTestCluster, gql, mondayFromNow } from '../test/src/index.ts';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
import { sovereigntyMembers } from '../test/e2e/support/sovereignty.ts';

const hosted = process.argv[2] === 'hosted';
const pool = process.argv[3] ?? '8';
const cluster = await startTestCluster({
  members: sovereigntyMembers().map((m) => ({ ...m, hosted })),
  ...(hosted ? { memberHost: { env: { HOST_DB_POOL_MAX: pool } } } : {}),
  gatewayEnv: { MEMBER_TIMEOUT_MS: '30000' },
});
const MATRIX = `query Matrix($cfrom: Date!, $cto: Date!, $pfrom: Date!, $pto: Date!) { member(id: "cast") { id smartFactoryLevel capabilities { process } lines { id name status { state } } capacity(from: $cfrom, to: $cto) { weekStart availableHours } allocations { id } production(from: $pfrom, to: $pto) { lineId shiftStart goodQuantity scrapQuantity energyKwh } } }`;
const today = new Date().toISOString().slice(0, 10);
const vars = { cfrom: mondayFromNow(0), cto: mondayFromNow(2), pfrom: mondayFromNow(-3), pto: today };
try {
  const token = await cluster.token('planner@lead');
  for (let round = 0; round < 3; round++) {
    const pid = (hosted ? cluster.memberHost! : cluster.members.get('cast')!).pid!;
    const c0 = cpu(pid);
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: 24 }, () => gql(cluster.gatewayUrl, MATRIX, vars, { token, purpose: 'MONITORING' })));
    const t1 = performance.now();
    const c1 = cpu(pid);
    const one0 = performance.now();
    await gql(cluster.gatewayUrl, MATRIX, vars, { token, purpose: 'MONITORING' });
    const one1 = performance.now();
    console.log(`${hosted ? `hosted pool ${pool}` : 'processes'}: 24 concurrent ${(t1 - t0).toFixed(0)} ms; one ${(one1 - one0).toFixed(0)} ms; cpu ${c1 - c0} ms; errors ${results.filter((r) => r.errors?.some((e) => e.extensions?.['code'] === 'MEMBER_UNAVAILABLE')).length}`);
  }
} finally {
  await cluster.dispose();
}
