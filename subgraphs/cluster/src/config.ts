import { z } from 'zod';
import { observabilityConfigFrom, type GatewayKeySource, type ObservabilityConfig } from '@clustergraph/runtime';

/** The public profile of the one cluster this subgraph serves (from configuration, not the database). */
export interface ClusterProfile {
  id: string;
  name: string;
  region: string;
  industry: string;
  /** The member that leads the cluster; its admins administer the registry. */
  leaderId: string | null;
}

export interface ClusterConfig {
  port: number;
  host: string;
  database: {
    /** postgres:// URL; unset means embedded PGlite in `dataDir`. */
    url: string | undefined;
    dataDir: string;
  };
  gatewayKey: GatewayKeySource;
  profile: ClusterProfile;
  /** JSON array of members registered ACTIVE on first start, when the registry is empty. */
  seedMembersFile: string | undefined;
  planning: {
    /** The gateway's /graphql: planning reads capacity and proposes allocations through it. Unset: planning is unavailable. */
    gatewayUrl: string | undefined;
    /** This subgraph's signing key pair (generated at first start); its public half is served at /.well-known/jwks.json. */
    serviceKeyFile: string;
    /** How often the reconciler reads members' answers to proposed allocations (ms). */
    reconcileMs: number;
    /** JSON array of joint orders seeded on first start, when there are none. */
    seedOrdersFile: string | undefined;
    /**
     * The planner's clock starts at this instant and runs on from there (tests, demos of a given
     * day); unset: the system clock. Which weeks are over and what is left of the current one follow it.
     */
    clockStart: Date | undefined;
    /** The solver's progress on stderr (PLANNER_DEBUG=1; diagnostics, solver/decomposition/diagnostics.ts). */
    solverDebug: boolean;
  };
  /**
   * The member host's base URL (MEMBER_HOST_URL, issue 18): where firms that ask to be hosted
   * are provisioned (POST <url>/admin/firms). Unset: hosting is not offered.
   */
  memberHostUrl: string | undefined;
  log: { level: string; pretty: boolean };
  /** METRICS_TOKEN, OTEL_* (issue 17); optional so that tests may build a config without it. */
  observability?: ObservabilityConfig;
  exposeErrors: boolean;
}

// Environment values are strings; an empty string counts as "not set" so that
// `FOO= pnpm start` behaves like leaving FOO out.
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const requiredText = z.string({ error: 'is required' }).trim().min(1, 'is required');
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', '']))
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : ['true', '1', 'yes'].includes(value)));

const environmentSchema = z.object({
  // Port 0 (any free port) must be asked for explicitly; an empty PORT means the default.
  PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(65_535).default(4001)),
  HOST: optionalText,
  DATABASE_URL: optionalText,
  DATA_DIR: optionalText,
  GATEWAY_PUBLIC_JWK_FILE: optionalText,
  GATEWAY_JWKS_URL: optionalText.pipe(z.url().optional()),
  CLUSTER_ID: requiredText,
  CLUSTER_NAME: requiredText,
  CLUSTER_REGION: requiredText,
  CLUSTER_INDUSTRY: requiredText,
  LEADER_ID: optionalText,
  SEED_MEMBERS_FILE: optionalText,
  GATEWAY_URL: optionalText.pipe(z.url().optional()),
  MEMBER_HOST_URL: optionalText.pipe(z.url().optional()),
  SERVICE_KEY_FILE: optionalText,
  PLANNING_RECONCILE_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(200).default(5000)),
  SEED_ORDERS_FILE: optionalText,
  PLANNING_CLOCK: optionalText.pipe(z.iso.datetime({ offset: true }).optional()),
  PLANNER_DEBUG: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: flag,
  EXPOSE_ERRORS: flag,
  NODE_ENV: optionalText,
});

/** Reads and validates the environment once, at start-up; throws listing every problem. */
export function loadClusterConfig(env: NodeJS.ProcessEnv): ClusterConfig {
  const parsed = environmentSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  // Checked apart from the schema so that it is reported together with any other problem.
  if (!env['GATEWAY_PUBLIC_JWK_FILE']?.trim() && !env['GATEWAY_JWKS_URL']?.trim()) {
    problems.push('GATEWAY_PUBLIC_JWK_FILE: set it or GATEWAY_JWKS_URL; the subgraph only answers requests signed by the gateway');
  }
  if (!parsed.success || problems.length > 0) {
    throw new Error(`cluster subgraph: invalid configuration\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? '127.0.0.1',
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR ?? '.data/cluster' },
    gatewayKey: e.GATEWAY_PUBLIC_JWK_FILE !== undefined ? { file: e.GATEWAY_PUBLIC_JWK_FILE } : { jwksUrl: e.GATEWAY_JWKS_URL ?? '' },
    profile: {
      id: e.CLUSTER_ID,
      name: e.CLUSTER_NAME,
      region: e.CLUSTER_REGION,
      industry: e.CLUSTER_INDUSTRY,
      leaderId: e.LEADER_ID ?? null,
    },
    seedMembersFile: e.SEED_MEMBERS_FILE,
    planning: {
      gatewayUrl: e.GATEWAY_URL,
      serviceKeyFile: e.SERVICE_KEY_FILE ?? `${e.DATA_DIR ?? '.data/cluster'}/service-key.json`,
      reconcileMs: e.PLANNING_RECONCILE_MS,
      seedOrdersFile: e.SEED_ORDERS_FILE,
      clockStart: e.PLANNING_CLOCK !== undefined ? new Date(e.PLANNING_CLOCK) : undefined,
      solverDebug: e.PLANNER_DEBUG ?? false,
    },
    memberHostUrl: e.MEMBER_HOST_URL?.replace(/\/+$/, ''),
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? false },
    // Unexpected errors are masked unless someone is developing against this service.
    exposeErrors: e.EXPOSE_ERRORS ?? e.NODE_ENV === 'development',
    observability: observabilityConfigFrom(env),
  };
}
