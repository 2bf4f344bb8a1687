import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Admin URL of the machine's PostgreSQL used by tests (TEST_PG_URL overrides). */
export const TEST_PG_ADMIN_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | null = null;

/** True when the test PostgreSQL answers; tests fall back to PGlite otherwise. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    if (process.env['TEST_DRIVER'] === 'pglite') return false;
    const { default: postgres } = await import('postgres');
    const sql = postgres(TEST_PG_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 });
    }
  })();
  return reachable;
}

export interface TestDatabase {
  /** postgres:// URL, or undefined for PGlite in `dataDir`. */
  url: string | undefined;
  dataDir: string;
  driver: 'postgres' | 'pglite';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file (or one member of a test cluster):
 * a new database on the real PostgreSQL when reachable, else a PGlite folder.
 * Pass `driver: 'pglite'` to force the embedded driver.
 */
export async function createTestDatabase(label: string, driver?: 'postgres' | 'pglite'): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `cg-${label}-`));
  const usePostgres = driver === 'postgres' || (driver === undefined && (await postgresReachable()));
  if (!usePostgres) {
    return { url: undefined, dataDir, driver: 'pglite', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { default: postgres } = await import('postgres');
  const name = `cg_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    driver: 'postgres',
    async drop() {
      const sql = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A gateway signing key pair in a temp folder, for tests that start subgraphs. */
export async function createTestSigningKeys() {
  const { loadOrCreateSigningKeys, ServiceTokenSigner, writePublicJwk } = await import('./trust.ts');
  const dir = mkdtempSync(join(tmpdir(), 'cg-keys-'));
  const keys = await loadOrCreateSigningKeys(join(dir, 'gateway-signing-key.json'));
  const publicKeyFile = join(dir, 'gateway-public.jwk.json');
  writePublicJwk(publicKeyFile, keys.publicJwk);
  return { dir, keys, signer: new ServiceTokenSigner(keys), publicKeyFile };
}
