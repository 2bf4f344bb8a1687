import { fileURLToPath } from 'node:url';
import postgres, { type Sql } from 'postgres';
import { sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type DatabaseHandle } from '@clustergraph/runtime';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { MEMBER_MIGRATIONS_FOLDER } from '../src/app.ts';
import type { MemberSchema } from '../src/db/schema.ts';
import { firmSchemaName, type FirmDatabases } from '../src/host/firmDatabases.ts';
import { FirmWatch } from '../src/host/firmWatch.ts';
import { openPostgresFirms } from '../src/host/postgresFirms.ts';
import { PolicyChanges } from '../src/sovereignty/policyChanges.ts';
import { seedDefaultPolicies } from '../src/sovereignty/policyStore.ts';

// The member host's safety-net polls (a NOTIFY lost while LISTEN reconnected) as one statement
// for every open firm: a firm whose policies or transfer state changed is told, the others not,
// and a round that cannot be read tells every firm in it to look for itself.

const HOST_MIGRATIONS = fileURLToPath(new URL('../drizzle-host', import.meta.url));

describe('firm watch (PostgreSQL)', () => {
  let testDatabase: TestDatabase;
  let databases: FirmDatabases;
  let acme: DatabaseHandle<MemberSchema>;
  let bolt: DatabaseHandle<MemberSchema>;
  let sql: Sql;
  let watch: FirmWatch;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('host_watch', 'postgres');
    databases = await openPostgresFirms({
      memberMigrations: MEMBER_MIGRATIONS_FOLDER,
      hostMigrations: HOST_MIGRATIONS,
      logger: silentLogger,
      url: testDatabase.url!,
      poolMax: 2,
    });
    for (const id of ['acme', 'bolt']) await databases.create(id);
    acme = await databases.open('acme', silentLogger);
    bolt = await databases.open('bolt', silentLogger);
    sql = postgres(testDatabase.url!, { max: 1, onnotice: () => {} });
    // A long interval: the test drives the rounds.
    watch = new FirmWatch(sql, silentLogger, 3_600_000);
  }, 120_000);
  afterAll(async () => {
    await watch?.stop();
    await sql?.end({ timeout: 5 });
    await acme?.close();
    await bolt?.close();
    await databases?.close();
    await testDatabase?.drop();
  });

  it('tells only the firm whose policies or transfer state moved', async () => {
    const calls = { acmePolicies: 0, boltPolicies: 0, acmeTransfer: 0 };
    const stops = [
      watch.watch(firmSchemaName('acme'), 'policies', () => calls.acmePolicies++),
      watch.watch(firmSchemaName('bolt'), 'policies', () => calls.boltPolicies++),
      watch.watch(firmSchemaName('acme'), 'transfer', () => calls.acmeTransfer++),
    ];
    // The first round tells every firm once (a change since it last looked is not missed).
    await watch.poll();
    expect(calls).toEqual({ acmePolicies: 1, boltPolicies: 1, acmeTransfer: 1 });
    await watch.poll();
    expect(calls).toEqual({ acmePolicies: 1, boltPolicies: 1, acmeTransfer: 1 });

    await seedDefaultPolicies(acme.db);
    await watch.poll();
    expect(calls).toEqual({ acmePolicies: 2, boltPolicies: 1, acmeTransfer: 1 });

    await acme.db.execute(drizzleSql`update member_transfer set reason = 'checked' where id = 1`);
    await watch.poll();
    expect(calls).toEqual({ acmePolicies: 2, boltPolicies: 1, acmeTransfer: 2 });

    // A firm no longer watched is not told.
    stops[1]!();
    await seedDefaultPolicies(bolt.db);
    await watch.poll();
    expect(calls).toEqual({ acmePolicies: 2, boltPolicies: 1, acmeTransfer: 2 });
    for (const stop of stops) stop();
    expect(watch.size).toBe(0);
  });

  it('tells every firm of a round it could not read', async () => {
    let acmeCalls = 0;
    const stopAcme = watch.watch(firmSchemaName('acme'), 'policies', () => acmeCalls++);
    await watch.poll();
    expect(acmeCalls).toBe(1);
    const stopGhost = watch.watch(firmSchemaName('ghost'), 'policies', () => {});
    await watch.poll();
    expect(acmeCalls).toBe(2);
    stopGhost();
    stopAcme();
  });

  it('reaches a firm’s PolicyChanges when a change came without a NOTIFY', async () => {
    const changes = new PolicyChanges({
      db: acme.db,
      // No NOTIFY arrives in this test: only the watch can tell it.
      listen: async () => async () => {},
      notify: async () => {},
      memberId: 'acme',
      logger: silentLogger,
      pollWith: (check) => watch.watch(firmSchemaName('acme'), 'policies', check),
    });
    await changes.start();
    let heard = 0;
    changes.subscribe(() => {
      heard++;
    });
    await watch.poll();
    // The first round's check found nothing new.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toBe(0);
    await acme.db.execute(drizzleSql`update sharing_policies set updated_at = now() + interval '1 second'`);
    await watch.poll();
    await expect.poll(() => heard, { timeout: 5_000 }).toBe(1);
    await changes.stop();
    expect(watch.size).toBe(0);
  });
});
