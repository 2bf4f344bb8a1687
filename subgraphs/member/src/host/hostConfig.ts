import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadMemberConfig, type MemberConfig } from '../config.ts';

const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? defaultValue : v === 'true' || v === '1' || v === 'yes'));
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const hostEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The base URL firms' endpoints are announced under (default http://HOST:PORT). */
  HOST_PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data/member-host')),
  /** The cluster subgraph's JWKS: only its registry may call /admin/firms. Unset: the admin API refuses everything. */
  CLUSTER_SERVICE_JWKS_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  HOST_DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(8),
  /** A firm unused this long is closed (its database detached, its caches dropped). */
  HOST_IDLE_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  /** At most this many firms open at once; beyond it the least recently used idle firm is closed first. */
  HOST_MAX_OPEN_FIRMS: z.coerce.number().int().min(1).max(10_000).default(100),
  /**
   * Tests and demos: `<dir>/<memberId>.json` is a demo profile (the member's SEED_PROFILE format)
   * seeded into that firm when it is provisioned, instead of the empty calendar.
   */
  HOST_SEED_PROFILES_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_PRETTY: flag(false),
});

export interface HostConfig {
  port: number;
  host: string;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  clusterServiceJwksUrl: string | undefined;
  poolMax: number;
  idleMs: number;
  maxOpenFirms: number;
  logLevel: string;
  logPretty: boolean;
  /** The demo profile file seeded into a new firm, if HOST_SEED_PROFILES_DIR has one for it. */
  seedProfileOf(memberId: string): string | undefined;
  /** The member configuration of one hosted firm: the host's environment (gateway key, limits, write bounds) with its id. */
  memberConfigFor(memberId: string): MemberConfig;
}

/**
 * Parses the member host's environment once, failing fast. The per-firm member settings
 * (GATEWAY_PUBLIC_JWK_FILE or GATEWAY_JWKS_URL, WRITE_*, SUBGRAPH_*, IDEMPOTENCY_*…) are the
 * member subgraph's own (config.ts), checked here once with a probe id. Sources a hosted firm
 * does not run (MQTT, the simulator, a seed profile) are off.
 */
export function loadHostConfig(env: Record<string, string | undefined>): HostConfig {
  const parsed = hostEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new Error(`invalid member host configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const memberEnv = { ...env, MQTT_URL: '', SIMULATOR: 'false', SEED_PROFILE: '', DATABASE_URL: '' };
  const seedProfileOf = (memberId: string) => {
    const file = e.HOST_SEED_PROFILES_DIR ? join(e.HOST_SEED_PROFILES_DIR, `${memberId}.json`) : undefined;
    return file && existsSync(file) ? file : undefined;
  };
  const memberConfigFor = (memberId: string): MemberConfig => ({
    ...loadMemberConfig({ ...memberEnv, MEMBER_ID: memberId }),
    databaseUrl: e.DATABASE_URL,
    dataDir: join(e.DATA_DIR, 'firms', memberId),
    seedProfile: seedProfileOf(memberId),
  });
  memberConfigFor('config-check');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.HOST_PUBLIC_URL?.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    clusterServiceJwksUrl: e.CLUSTER_SERVICE_JWKS_URL,
    poolMax: e.HOST_DB_POOL_MAX,
    idleMs: e.HOST_IDLE_SECONDS * 1000,
    maxOpenFirms: e.HOST_MAX_OPEN_FIRMS,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    seedProfileOf,
    memberConfigFor,
  };
}
