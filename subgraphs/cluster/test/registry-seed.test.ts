import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { postgresReachable } from '@clustergraph/runtime/testing';
import { createClusterApp, loadClusterConfig } from '../src/index.ts';
import { createRegistryDatabase, dataOf, startRegistry } from './registryHarness.ts';

const seedDir = mkdtempSync(join(tmpdir(), 'cg-cluster-seed-'));
function writeSeed(name: string, entries: unknown): string {
  const file = join(seedDir, name);
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

const lead = { id: 'lead', name: 'Lead Assembly Co.', roles: ['LEADER', 'PARTNER'], region: 'Busan', endpoint: 'http://127.0.0.1:4101/graphql' };
const cast = { id: 'cast', name: 'Cast Partner Co.', roles: ['PARTNER'], region: 'Gimhae', endpoint: 'http://127.0.0.1:4102/graphql' };
const heat = { id: 'heat', name: 'Heat Partner Co.', roles: ['PARTNER'], region: 'Changwon', endpoint: 'http://127.0.0.1:4103/graphql' };

// The same suite on both drivers: the demo runs on PGlite, tests and production on PostgreSQL.
const drivers = (await postgresReachable()) ? (['postgres', 'pglite'] as const) : (['pglite'] as const);

describe.each(drivers)('cluster registry seed (%s)', (driver) => {
  it('registers the seed ACTIVE on first start and never again', async () => {
    const database = await createRegistryDatabase(`seed-${driver}`, driver);
    try {
      const first = await startRegistry({ database, seedMembersFile: writeSeed(`first-${driver}.json`, [lead, cast]) });
      try {
        const seeded = dataOf(await first.post('{ members { id status roles region } cluster { memberCount } }'));
        expect(seeded['members']).toEqual([
          { id: 'cast', status: 'ACTIVE', roles: ['PARTNER'], region: 'Gimhae' },
          { id: 'lead', status: 'ACTIVE', roles: ['LEADER', 'PARTNER'], region: 'Busan' },
        ]);
        expect(seeded['cluster'].memberCount).toBe(2);
        dataOf(await first.post('mutation { suspendMember(id: "cast", reason: "audit") { status } }', {}, 'leaderAdmin'));
      } finally {
        await first.stop();
      }

      // A restart with a different seed keeps the registry as the leader left it.
      const second = await startRegistry({ database, seedMembersFile: writeSeed(`second-${driver}.json`, [lead, cast, heat]) });
      try {
        const after = dataOf(await second.post('{ members { id status statusReason } }'));
        expect(after['members']).toEqual([
          { id: 'cast', status: 'SUSPENDED', statusReason: 'audit' },
          { id: 'lead', status: 'ACTIVE', statusReason: null },
        ]);
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
    // Two cold PGlite starts take 20 s on a busy 2-core machine.
  }, 90_000);
});

describe("firms' own names (Member.localName, issue 19)", () => {
  it('seeds the local name beside the romanised one, fills it in for a registry seeded before, and overwrites nothing', async () => {
    const database = await createRegistryDatabase('seed-local-name');
    try {
      // A registry seeded before Member.localName existed: no local names.
      const before = await startRegistry({ database, seedMembersFile: writeSeed('before.json', [lead, cast]) });
      try {
        expect(dataOf(await before.post('{ members { id name localName } }'))['members']).toEqual([
          { id: 'cast', name: 'Cast Partner Co.', localName: null },
          { id: 'lead', name: 'Lead Assembly Co.', localName: null },
        ]);
      } finally {
        await before.stop();
      }
      const named = [
        { ...lead, localName: '  리드조립 ' },
        { ...cast, localName: '캐스트협력' },
        { ...heat, localName: '히트협력' },
      ];
      const after = await startRegistry({ database, seedMembersFile: writeSeed('after.json', named) });
      try {
        // Named in place (trimmed); heat, not in the registry, is not added by a later seed.
        expect(dataOf(await after.post('{ members { id name localName } }'))['members']).toEqual([
          { id: 'cast', name: 'Cast Partner Co.', localName: '캐스트협력' },
          { id: 'lead', name: 'Lead Assembly Co.', localName: '리드조립' },
        ]);
      } finally {
        await after.stop();
      }
      // A name on record stays: a seed never overwrites what the registry holds.
      const again = await startRegistry({ database, seedMembersFile: writeSeed('again.json', [{ ...cast, localName: '다른이름' }]) });
      try {
        expect(dataOf(await again.post('{ member(id: "cast") { localName } }'))['member']).toEqual({ localName: '캐스트협력' });
      } finally {
        await again.stop();
      }
      await expect(startRegistry({ database, seedMembersFile: writeSeed('long.json', [{ ...cast, localName: '가'.repeat(201) }]) })).rejects.toThrow(
        /seed\[0\]\.localName/,
      );
    } finally {
      await database.drop();
    }
  }, 90_000);
});

describe('cluster registry seed file validation', () => {
  it('fails start-up on an invalid entry, naming it, and writes nothing', async () => {
    const database = await createRegistryDatabase('seed-invalid');
    try {
      const file = writeSeed('invalid.json', [lead, { ...cast, endpoint: 'cast.local' }]);
      await expect(startRegistry({ database, seedMembersFile: file })).rejects.toThrow(/seed\[1\]\.endpoint/);
      await expect(startRegistry({ database, seedMembersFile: writeSeed('dupes.json', [cast, cast]) })).rejects.toThrow(/seed\[1\]\.id: cast appears twice/);
      await expect(startRegistry({ database, seedMembersFile: writeSeed('shape.json', { members: [] }) })).rejects.toThrow(/SEED_MEMBERS_FILE/);
      await expect(startRegistry({ database, seedMembersFile: join(seedDir, 'missing.json') })).rejects.toThrow(/missing\.json/);

      const clean = await startRegistry({ database });
      try {
        expect(dataOf(await clean.post('{ members { id } }'))['members']).toEqual([]);
      } finally {
        await clean.stop();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('loadClusterConfig', () => {
  const required = { CLUSTER_ID: 'c', CLUSTER_NAME: 'C', CLUSTER_REGION: 'Busan', CLUSTER_INDUSTRY: 'EV', GATEWAY_PUBLIC_JWK_FILE: '/keys/gw.json' };

  it('applies the documented defaults', () => {
    const config = loadClusterConfig(required);
    expect(config).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      database: { url: undefined, dataDir: '.data/cluster' },
      gatewayKey: { file: '/keys/gw.json' },
      profile: { id: 'c', name: 'C', region: 'Busan', industry: 'EV', leaderId: null },
      seedMembersFile: undefined,
      log: { level: 'info', pretty: false },
      exposeErrors: false,
    });
  });

  it('fails fast, listing every missing or bad variable', () => {
    const message = (() => {
      try {
        loadClusterConfig({ PORT: 'eighty', LOG_PRETTY: 'maybe' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const variable of ['PORT', 'CLUSTER_ID', 'CLUSTER_NAME', 'CLUSTER_REGION', 'CLUSTER_INDUSTRY', 'LOG_PRETTY', 'GATEWAY_PUBLIC_JWK_FILE']) {
      expect(message).toContain(`  ${variable}: `);
    }
    expect(() => loadClusterConfig({ ...required, GATEWAY_PUBLIC_JWK_FILE: '' })).toThrow(/GATEWAY_PUBLIC_JWK_FILE: set it or GATEWAY_JWKS_URL/);
    expect(() => loadClusterConfig({ ...required, CLUSTER_NAME: ' ' })).toThrow(/CLUSTER_NAME/);
  });

  it('accepts a JWKS URL instead of a key file', () => {
    const { GATEWAY_PUBLIC_JWK_FILE: _file, ...rest } = required;
    expect(loadClusterConfig({ ...rest, GATEWAY_JWKS_URL: 'http://127.0.0.1:4000/.well-known/jwks.json' }).gatewayKey).toEqual({
      jwksUrl: 'http://127.0.0.1:4000/.well-known/jwks.json',
    });
  });
});

describe('createClusterApp', () => {
  it('opens, serves /health and stops cleanly', async () => {
    const database = await createRegistryDatabase('health');
    try {
      const config = loadClusterConfig({
        ...(database.url ? { DATABASE_URL: database.url } : {}),
        CLUSTER_ID: 'c',
        CLUSTER_NAME: 'C',
        CLUSTER_REGION: 'Busan',
        CLUSTER_INDUSTRY: 'EV',
        GATEWAY_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        DATA_DIR: database.dataDir,
        PORT: '0',
      });
      const app = await createClusterApp(config, silentLogger);
      const { url } = await app.start(0);
      const health = await fetch(url.replace('/graphql', '/health'));
      expect(await health.json()).toEqual({ status: 'ok', service: 'cluster', pid: process.pid });
      await app.stop();
    } finally {
      await database.drop();
    }
  });
});
