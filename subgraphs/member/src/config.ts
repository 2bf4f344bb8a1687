import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { OPCUA_SECURITY_MODES, OPCUA_SECURITY_POLICIES, type OpcuaConfig } from './opcua/opcuaConfig.ts';
import type { WriteBounds } from './validation/bounds.ts';
import { DEFAULT_SERVICE_LIMITS, observabilityConfigFrom, type ObservabilityConfig, type OperationLimits } from '@clustergraph/runtime';

const MEMBER_ID_PATTERN = /^[a-z0-9-]+$/;

/** An archive's content is one string in memory when packed and unpacked: V8's longest string is about 512 MiB. */
export const MAX_ARCHIVE_CONTENT_BYTES = 512 * 1024 * 1024;

const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? defaultValue : v === 'true' || v === '1' || v === 'yes'));

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The firm and its database: the member server's and the portability commands' (member:import|export|erase). */
const firmDatabaseEnv = {
  MEMBER_ID: z.string().regex(MEMBER_ID_PATTERN, 'lower-case letters, digits and hyphens only'),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
};

const envSchema = z
  .object({
    ...firmDatabaseEnv,
    PORT: z.coerce.number().int().min(0).max(65_535).default(4101),
    HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_PUBLIC_JWK_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    GATEWAY_JWKS_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_PRETTY: flag(false),
    SEED_PROFILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    NODE_ENV: z.string().optional(),
    EXPOSE_ERRORS: z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional(),
    MQTT_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(mqtts?|wss?|tcp|ssl):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
        .optional(),
    ),
    MQTT_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(1).max(128).optional()),
    MQTT_SHARE_GROUP: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
        .optional(),
    ),
    OPCUA_ENDPOINT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^opc\.tcp:\/\/[^\s]+$/, 'must be an opc.tcp:// URL')
        .optional(),
    ),
    OPCUA_MAPPING_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    OPCUA_SECURITY_MODE: z.enum(OPCUA_SECURITY_MODES).default('None'),
    OPCUA_SECURITY_POLICY: z.enum(OPCUA_SECURITY_POLICIES).default('None'),
    OPCUA_USERNAME: z.preprocess(emptyAsUndefined, z.string().max(256).optional()),
    OPCUA_PASSWORD: z.preprocess(emptyAsUndefined, z.string().max(1024).optional()),
    OPCUA_PKI_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
    OPCUA_TRUST_UNKNOWN_SERVER: flag(false),
    OPCUA_PUBLISHING_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
    OPCUA_SAMPLING_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    OPCUA_QUEUE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
    OPCUA_START_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
    SIMULATOR: flag(false),
    SIMULATOR_SPEED: z.coerce.number().positive().max(1000).default(1),
    SIMULATOR_HISTORY_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 31)
      .default(4),
    LINE_DOWN_CONFLICT_MINUTES: z.coerce
      .number()
      .min(0)
      .max(7 * 24 * 60)
      .default(240),
    WRITE_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(500),
    WRITE_HORIZON_WEEKS_BACK: z.coerce.number().int().min(0).max(520).default(4),
    WRITE_HORIZON_WEEKS_AHEAD: z.coerce.number().int().min(1).max(520).default(104),
    IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
      .number()
      .min(0.01)
      .max(24 * 30)
      .default(24),
    LINE_DOWN_CHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    /** The member's own operation limits, whatever the gateway in front checked (README "Limits"). */
    SUBGRAPH_MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_SERVICE_LIMITS.maxDepth),
    SUBGRAPH_MAX_COST: z.coerce.number().int().positive().default(DEFAULT_SERVICE_LIMITS.maxCost),
    /** Leaving with its data (README "Leaving a cluster"): the most an export answer carries, content before compression. */
    EXPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(MAX_ARCHIVE_CONTENT_BYTES)
      .default(64 * 1024 * 1024),
    /** The most an archive may unpack to in `pnpm member:import` (a gzip bomb stops there). */
    IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(MAX_ARCHIVE_CONTENT_BYTES).default(MAX_ARCHIVE_CONTENT_BYTES),
    SUBGRAPH_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
  })
  .refine((env) => env.GATEWAY_PUBLIC_JWK_FILE !== undefined || env.GATEWAY_JWKS_URL !== undefined, {
    message: 'set GATEWAY_PUBLIC_JWK_FILE or GATEWAY_JWKS_URL (the gateway key that signs forwarded requests)',
    path: ['GATEWAY_PUBLIC_JWK_FILE'],
  })
  .refine((env) => env.OPCUA_ENDPOINT === undefined || env.OPCUA_MAPPING_FILE !== undefined, {
    message: 'OPCUA_ENDPOINT needs OPCUA_MAPPING_FILE (which node is which line state or counter)',
    path: ['OPCUA_MAPPING_FILE'],
  })
  .refine((env) => (env.OPCUA_SECURITY_MODE === 'None') === (env.OPCUA_SECURITY_POLICY === 'None'), {
    message: 'OPCUA_SECURITY_MODE None goes with OPCUA_SECURITY_POLICY None, and Sign or SignAndEncrypt with a policy such as Basic256Sha256',
    path: ['OPCUA_SECURITY_POLICY'],
  })
  .refine((env) => (env.OPCUA_USERNAME === undefined) === (env.OPCUA_PASSWORD === undefined), {
    message: 'set both OPCUA_USERNAME and OPCUA_PASSWORD, or neither (anonymous)',
    path: ['OPCUA_PASSWORD'],
  });

/** Everything the member subgraph reads from its environment, validated once at start-up. */
export interface MemberConfig {
  memberId: string;
  port: number;
  host: string;
  /** postgres:// URL; unset means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  gatewayKey: { file: string } | { jwksUrl: string };
  logLevel: string;
  logPretty: boolean;
  /** Path of a demo profile (JSON) seeded into an empty database. */
  seedProfile: string | undefined;
  /** Show internal error messages to callers (development only). */
  exposeErrors: boolean;
  /** Line events from MQTT (topic clustergraph/<memberId>/lines/<lineId>/events); off when unset. */
  mqtt: { url: string; clientId: string; shareGroup: string | undefined } | undefined;
  /** Line states and counters from an OPC UA server (OPCUA_*); off when OPCUA_ENDPOINT is unset. */
  opcua: OpcuaConfig | undefined;
  /** The demo's line simulator (SIMULATOR=true); history hours are written once, into a member with no events. */
  simulator: { speed: number; historyHours: number } | undefined;
  /**
   * A line DOWN this long (ms) takes its share of the current week's hours of its processes,
   * which may put accepted allocations in conflict (the cluster re-plans them); null: off
   * (LINE_DOWN_CONFLICT_MINUTES=0). Checked every `lineDownCheckMs`.
   */
  lineDownConflictMs: number | null;
  lineDownCheckMs: number;
  /** Bounds of every write (WRITE_MAX_ROWS, WRITE_HORIZON_WEEKS_BACK/AHEAD). */
  writeBounds: WriteBounds;
  /** How long a write's answer is kept for a retry with the same Idempotency-Key (ms). */
  idempotencyTtlMs: number;
  limits: OperationLimits;
  maxBodyBytes: number;
  /** Content bytes (uncompressed) an exportMemberData answer may carry (EXPORT_MAX_BYTES). */
  exportMaxBytes: number;
  /** Bytes an archive may unpack to on import (IMPORT_MAX_BYTES). */
  importMaxBytes: number;
  /** METRICS_TOKEN, OTEL_* (issue 17); optional so that tests may build a config without it. */
  observability?: ObservabilityConfig;
}

/** Parses the environment; throws an Error listing every problem (fail fast at start-up). */
export function loadMemberConfig(env: Record<string, string | undefined>): MemberConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new Error(`invalid member subgraph configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  // An explicit EXPOSE_ERRORS wins; otherwise only development shows internal messages.
  const exposeErrors = e.EXPOSE_ERRORS ? ['true', '1', 'yes'].includes(e.EXPOSE_ERRORS) : e.NODE_ENV === 'development';
  return {
    memberId: e.MEMBER_ID,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR ?? `.data/member-${e.MEMBER_ID}`,
    gatewayKey: e.GATEWAY_PUBLIC_JWK_FILE ? { file: e.GATEWAY_PUBLIC_JWK_FILE } : { jwksUrl: e.GATEWAY_JWKS_URL! },
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    seedProfile: e.SEED_PROFILE,
    exposeErrors,
    // The client id must be stable per instance (the broker keeps its session) and differ between replicas.
    mqtt: e.MQTT_URL
      ? { url: e.MQTT_URL, clientId: e.MQTT_CLIENT_ID ?? `clustergraph-${e.MEMBER_ID}-${hostname()}-${e.PORT}`, shareGroup: e.MQTT_SHARE_GROUP }
      : undefined,
    opcua: e.OPCUA_ENDPOINT
      ? {
          endpoint: e.OPCUA_ENDPOINT,
          mappingFile: e.OPCUA_MAPPING_FILE!,
          securityMode: e.OPCUA_SECURITY_MODE,
          securityPolicy: e.OPCUA_SECURITY_POLICY,
          user: e.OPCUA_USERNAME !== undefined ? { userName: e.OPCUA_USERNAME, password: e.OPCUA_PASSWORD! } : null,
          pkiDir: e.OPCUA_PKI_DIR ?? join(e.DATA_DIR ?? `.data/member-${e.MEMBER_ID}`, 'opcua-pki'),
          trustUnknownServer: e.OPCUA_TRUST_UNKNOWN_SERVER,
          publishingIntervalMs: e.OPCUA_PUBLISHING_INTERVAL_MS,
          samplingIntervalMs: e.OPCUA_SAMPLING_INTERVAL_MS,
          queueSize: e.OPCUA_QUEUE_SIZE,
          startTimeoutMs: e.OPCUA_START_TIMEOUT_MS,
        }
      : undefined,
    simulator: e.SIMULATOR ? { speed: e.SIMULATOR_SPEED, historyHours: e.SIMULATOR_HISTORY_HOURS } : undefined,
    lineDownConflictMs: e.LINE_DOWN_CONFLICT_MINUTES > 0 ? e.LINE_DOWN_CONFLICT_MINUTES * 60_000 : null,
    lineDownCheckMs: e.LINE_DOWN_CHECK_MS,
    writeBounds: { maxRowsPerCall: e.WRITE_MAX_ROWS, horizonWeeksBack: e.WRITE_HORIZON_WEEKS_BACK, horizonWeeksAhead: e.WRITE_HORIZON_WEEKS_AHEAD },
    idempotencyTtlMs: e.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
    limits: { ...DEFAULT_SERVICE_LIMITS, maxDepth: e.SUBGRAPH_MAX_DEPTH, maxCost: e.SUBGRAPH_MAX_COST },
    maxBodyBytes: e.SUBGRAPH_MAX_BODY_BYTES,
    exportMaxBytes: e.EXPORT_MAX_BYTES,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    observability: observabilityConfigFrom(env),
  };
}

const portabilityEnvSchema = z.object({
  ...firmDatabaseEnv,
  EXPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(MAX_ARCHIVE_CONTENT_BYTES).default(MAX_ARCHIVE_CONTENT_BYTES),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(MAX_ARCHIVE_CONTENT_BYTES).default(MAX_ARCHIVE_CONTENT_BYTES),
});

/** What `pnpm member:import|export|erase` need: the firm and its database, as the member server reads them (no gateway key). */
export interface PortabilityCommandConfig {
  memberId: string;
  databaseUrl: string | undefined;
  dataDir: string;
  exportMaxBytes: number;
  importMaxBytes: number;
}

export function loadPortabilityCommandConfig(env: Record<string, string | undefined>): PortabilityCommandConfig {
  const parsed = portabilityEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new Error(`invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    memberId: e.MEMBER_ID,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR ?? `.data/member-${e.MEMBER_ID}`,
    exportMaxBytes: e.EXPORT_MAX_BYTES,
    importMaxBytes: e.IMPORT_MAX_BYTES,
  };
}
