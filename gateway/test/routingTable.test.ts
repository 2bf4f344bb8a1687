import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { createTestSigningKeys } from '@clustergraph/runtime/testing';
import { testVerifiers, type TestVerifiers } from './support/verifiers.ts';
import { memberSdl } from '@clustergraph/schema';
import { SubgraphHttpClient } from '../src/http/subgraphHttpClient.ts';
import { ClusterRegistryClient } from '../src/routing/clusterRegistryClient.ts';
import { MemberSdlCheck } from '../src/routing/memberSdlCheck.ts';
import { RoutingTable } from '../src/routing/routingTable.ts';
import { ServiceTokenCache } from '../src/serviceTokens.ts';
import { startFakeCluster, type FakeCluster } from './support/fakeCluster.ts';
import { startFakeMember, type FakeMember } from './support/fakeMember.ts';
import { deadEndpoint } from './support/graphqlTestServer.ts';

/** The standard without Line.name and with CapacityBucket.availableHours as an Int: two problems. */
const brokenSdl = memberSdl.replace(/\n\s*name: String!\n(\s*processes)/, '\n$1').replace('availableHours: Float!', 'availableHours: Int!');

let verifiers: TestVerifiers;
let tokens: ServiceTokenCache;
let http: SubgraphHttpClient;
let cluster: FakeCluster;
let good: FakeMember;
let broken: FakeMember;
let table: RoutingTable;
const started: FakeMember[] = [];

beforeAll(async () => {
  const { signer, publicKeyFile } = await createTestSigningKeys();
  verifiers = testVerifiers(publicKeyFile);
  tokens = new ServiceTokenCache(signer);
  http = new SubgraphHttpClient();
  good = await startFakeMember('good', await verifiers.member('good'));
  broken = await startFakeMember('broken', await verifiers.member('broken'), brokenSdl);
  cluster = await startFakeCluster(
    [
      { id: 'good', name: 'Good Casting', roles: ['LEADER'], status: 'ACTIVE', endpoint: good.url },
      { id: 'broken', name: 'Broken MES', roles: ['PARTNER'], status: 'ACTIVE', endpoint: broken.url },
      { id: 'away', name: 'Away CNC', roles: ['PARTNER'], status: 'ACTIVE', endpoint: await deadEndpoint() },
      { id: 'waiting', name: 'Waiting Molding', roles: ['ANCHOR'], status: 'PENDING', endpoint: good.url },
    ],
    await verifiers.cluster(),
  );
  table = new RoutingTable({
    registry: new ClusterRegistryClient(cluster.url, http, tokens, 1000),
    // Generous: on a loaded machine a fake member can take over half a second to answer (the dead endpoint refuses at once).
    sdlCheck: new MemberSdlCheck(http, tokens, 5000),
    logger: silentLogger,
    refreshMs: 60_000,
  });
  await table.refresh();
});

afterAll(async () => {
  table.stop();
  await Promise.all([cluster, good, broken, ...started].map((s) => s.close()));
  await http.close();
});

describe('RoutingTable', () => {
  it('routes an ACTIVE member whose SDL matches the standard, asked with a probe token (never the system identity)', () => {
    expect(table.route('good')).toEqual({ kind: 'routable', memberId: 'good', endpoint: good.url });
    expect(good.received[0]!.query).toContain('_service');
    expect(good.received[0]!.auth).toEqual({ viewer: null, purpose: 'MONITORING', system: false, probe: true });
    expect(cluster.received[0]!.auth?.system).toBe(true);
  });

  it('quarantines an incompatible member with a readable reason and does not route it', () => {
    const row = cluster.registry.find((r) => r.id === 'broken')!;
    expect(row.status).toBe('QUARANTINED');
    expect(row.statusReason).toBe(
      'SDL does not match the member standard: field Line.name is missing; CapacityBucket.availableHours has type Int!, the standard says Float!',
    );
    expect(table.route('broken').kind).toBe('unavailable');
  });

  it('does not quarantine an unreachable member: it is unavailable and checked again later', () => {
    expect(cluster.registry.find((r) => r.id === 'away')!.status).toBe('ACTIVE');
    expect(table.route('away')).toMatchObject({ kind: 'unavailable', memberId: 'away' });
  });

  it('knows members of every status for roles, routes only ACTIVE ones', () => {
    expect(table.activeMemberIds()).toEqual(['good', 'away']);
    expect(table.memberRoles('waiting')).toEqual(['ANCHOR']);
    expect(table.route('waiting')).toEqual({ kind: 'unavailable', memberId: 'waiting', reason: 'its status is PENDING' });
    expect(table.route('nobody')).toEqual({ kind: 'unknown', memberId: 'nobody' });
  });

  it('follows the registry: a member approved at run time and an endpoint that moved are routed on the next poll', async () => {
    const newcomer = await startFakeMember('newcomer', await verifiers.member('newcomer'));
    const moved = await startFakeMember('away', await verifiers.member('away'));
    started.push(newcomer, moved);
    cluster.registry.push({ id: 'newcomer', name: 'New Heat Treatment', roles: ['PARTNER'], status: 'PENDING', endpoint: newcomer.url });
    await table.refresh();
    expect(table.route('newcomer').kind).toBe('unavailable');
    cluster.registry.find((r) => r.id === 'newcomer')!.status = 'ACTIVE';
    cluster.registry.find((r) => r.id === 'away')!.endpoint = moved.url;
    await table.refresh();
    expect(table.route('newcomer')).toEqual({ kind: 'routable', memberId: 'newcomer', endpoint: newcomer.url });
    expect(table.route('away')).toEqual({ kind: 'routable', memberId: 'away', endpoint: moved.url });
  });

  it('re-checks a member when it is approved again after a quarantine', async () => {
    const row = cluster.registry.find((r) => r.id === 'broken')!;
    await table.refresh(); // sees QUARANTINED, forgets the verdict
    const checksBefore = broken.received.length;
    row.status = 'ACTIVE';
    await table.refresh();
    expect(broken.received.length).toBe(checksBefore + 1);
    expect(row.status).toBe('QUARANTINED');
  });

  it('keeps routing with the last known table while the registry is down', async () => {
    const offline = new RoutingTable({
      registry: new ClusterRegistryClient(await deadEndpoint(), http, tokens, 500),
      // Generous: on a loaded machine a fake member can take over half a second to answer (the dead endpoint refuses at once).
      sdlCheck: new MemberSdlCheck(http, tokens, 5000),
      logger: silentLogger,
      refreshMs: 60_000,
    });
    await offline.refresh();
    expect(offline.loaded).toBe(false);
    expect(offline.activeMemberIds()).toEqual([]);
    await table.refresh();
    expect(table.route('good').kind).toBe('routable');
  });
});
