import { join } from 'node:path';
import { z } from 'zod';
import { observabilityConfigFrom, type ObservabilityConfig } from '@clustergraph/runtime';
import { trustedProxiesProblem } from './limits/clientAddress.ts';
import { DEFAULT_GATEWAY_LIMITS } from './limits/operationLimits.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const gatewayEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Base URL clients use to reach the gateway (demo issuer `iss`); derived from HOST/PORT when unset. */
  PUBLIC_URL: z.url().optional(),
  CLUSTER_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** Folder for the gateway's generated keys. */
  DATA_DIR: z.string().min(1).default('.data/gateway'),
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  MEMBER_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  CLUSTER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  ROUTING_REFRESH_MS: z.coerce.number().int().positive().default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFlag,
  EXPOSE_ERRORS: booleanFlag,
  /** `compiled` (default): plans, operations and result shaping kept per document (gateway/src/execution); `apollo`: Apollo Gateway's own executor. */
  GATEWAY_EXECUTOR: z.enum(['compiled', 'apollo']).default('compiled'),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_AUDIENCE: z.string().min(1).default('clustergraph'),
  AUTH_MEMBER_CLAIM: z.string().min(1).default('member_id'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** A token with this claim is an applicant's: the claim names the firm id it applies for (auth/applicant.ts). */
  AUTH_APPLICANT_CLAIM: z.string().min(1).default('applicant_for'),
  DEMO_AUTH: booleanFlag,
  DEMO_AUTH_KEY_FILE: z.string().min(1).optional(),
  /** The cluster subgraph's /.well-known/jwks.json: accept its planner's service identity (auth/serviceIdentity.ts). */
  CLUSTER_SERVICE_JWKS_URL: z.url().optional(),
  /** A subscriber socket with more unsent bytes than this is closed as a slow consumer at once (1013). */
  LIVE_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /** …and one that stays above LIVE_SLOW_CONSUMER_BYTES for LIVE_SLOW_CONSUMER_GRACE_MS too. */
  LIVE_SLOW_CONSUMER_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  LIVE_SLOW_CONSUMER_GRACE_MS: z.coerce.number().int().positive().default(5000),
  /** Operation limits, checked before anything is planned or run (README "Limits"). */
  LIMIT_MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_GATEWAY_LIMITS.maxTokens),
  LIMIT_MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_GATEWAY_LIMITS.maxDepth),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_GATEWAY_LIMITS.maxAliases),
  LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(DEFAULT_GATEWAY_LIMITS.maxRootFields),
  LIMIT_MAX_COST: z.coerce.number().int().positive().default(DEFAULT_GATEWAY_LIMITS.maxCost),
  LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(DEFAULT_GATEWAY_LIMITS.defaultListSize),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(25),
  MAX_UPSTREAMS_PER_READER: z.coerce.number().int().positive().default(200),
  /** Requests (HTTP operations and graphql-ws subscribes) per second; 0 turns that limit off. */
  RATE_LIMIT_USER_PER_SECOND: z.coerce.number().int().min(0).default(50),
  RATE_LIMIT_FIRM_PER_SECOND: z.coerce.number().int().min(0).default(200),
  RATE_LIMIT_ADDRESS_PER_SECOND: z.coerce.number().int().min(0).default(200),
  /** Shared counters for gateway replicas (PostgreSQL); in memory when unset. */
  RATE_LIMIT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Consecutive timeouts or connection failures after which a member's circuit opens. */
  BREAKER_FAILURES: z.coerce.number().int().positive().default(3),
  /** How long an open circuit answers MEMBER_UNAVAILABLE at once before a background probe. */
  BREAKER_OPEN_MS: z.coerce.number().int().positive().default(5000),
  /** JSON manifest { "<sha256>": "<document>" } of trusted documents (the SDK's, generated at build time). */
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  /**
   * Load balancers in front of the gateway (comma-separated addresses or CIDR ranges, or
   * `loopback`): a request from one counts against the client address it names in
   * X-Forwarded-For, not against the balancer's. None by default: the header is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      const problem = trustedProxiesProblem(entries);
      if (problem) ctx.addIssue({ code: 'custom', message: `must list addresses or CIDR ranges: ${problem}` });
    }),
  /** Browsers (requests with an Origin header) may send only trusted documents, by id. */
  TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS: booleanFlag,
  /** Built web console (clients/web/dist), served at /console when set. */
  CONSOLE_DIR: z.string().min(1).optional(),
});

export interface GatewayConfig {
  port: number;
  host: string;
  publicUrl: string;
  clusterUrl: string;
  signingKeyFile: string;
  memberTimeoutMs: number;
  clusterTimeoutMs: number;
  routingRefreshMs: number;
  logLevel: string;
  logPretty: boolean;
  executor: 'compiled' | 'apollo';
  exposeErrors: boolean;
  consoleDir: string | undefined;
  live: { maxBufferedBytes: number; slowConsumerBytes: number; slowConsumerGraceMs: number };
  limits: GatewayLimitsConfig;
  auth: {
    issuer: string | undefined;
    jwksUrl: string | undefined;
    audience: string;
    memberClaim: string;
    rolesClaim: string;
    applicantClaim: string;
    demoAuth: boolean;
    demoKeyFile: string;
    clusterServiceJwksUrl: string | undefined;
  };
  /** METRICS_TOKEN, OTEL_* (issue 17); optional so that tests may build a config without it. */
  observability?: ObservabilityConfig;
}

export interface GatewayLimitsConfig {
  operation: { maxTokens: number; maxDepth: number; maxAliases: number; maxRootFields: number; maxCost: number; defaultListSize: number };
  maxBodyBytes: number;
  wsMaxPayloadBytes: number;
  maxSubscriptionsPerSocket: number;
  maxUpstreamsPerReader: number;
  rate: { userPerSecond: number; firmPerSecond: number; addressPerSecond: number; databaseUrl: string | undefined };
  breaker: { failures: number; openMs: number };
  trustedDocuments: { file: string | undefined; onlyFromBrowsers: boolean };
  /** Load balancers whose X-Forwarded-For names the client (TRUSTED_PROXIES); none when omitted. */
  trustedProxies?: readonly string[];
}

/** Reads and validates the gateway's environment once, at start-up; throws listing every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = gatewayEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid gateway configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (e.LIVE_SLOW_CONSUMER_BYTES > e.LIVE_MAX_BUFFERED_BYTES) {
    throw new Error('invalid gateway configuration:\n- LIVE_SLOW_CONSUMER_BYTES must not exceed LIVE_MAX_BUFFERED_BYTES');
  }
  if ((e.AUTH_ISSUER === undefined) !== (e.AUTH_JWKS_URL === undefined)) {
    throw new Error('invalid gateway configuration:\n- AUTH_ISSUER and AUTH_JWKS_URL must be set together');
  }
  const publicHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://${publicHost}:${e.PORT}`,
    clusterUrl: e.CLUSTER_URL,
    signingKeyFile: e.SIGNING_KEY_FILE ?? join(e.DATA_DIR, 'signing-key.json'),
    memberTimeoutMs: e.MEMBER_TIMEOUT_MS,
    clusterTimeoutMs: e.CLUSTER_TIMEOUT_MS,
    routingRefreshMs: e.ROUTING_REFRESH_MS,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    executor: e.GATEWAY_EXECUTOR,
    exposeErrors: e.EXPOSE_ERRORS,
    consoleDir: e.CONSOLE_DIR,
    live: { maxBufferedBytes: e.LIVE_MAX_BUFFERED_BYTES, slowConsumerBytes: e.LIVE_SLOW_CONSUMER_BYTES, slowConsumerGraceMs: e.LIVE_SLOW_CONSUMER_GRACE_MS },
    limits: {
      operation: {
        maxTokens: e.LIMIT_MAX_TOKENS,
        maxDepth: e.LIMIT_MAX_DEPTH,
        maxAliases: e.LIMIT_MAX_ALIASES,
        maxRootFields: e.LIMIT_MAX_ROOT_FIELDS,
        maxCost: e.LIMIT_MAX_COST,
        defaultListSize: e.LIMIT_DEFAULT_LIST_SIZE,
      },
      maxBodyBytes: e.MAX_BODY_BYTES,
      wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
      maxSubscriptionsPerSocket: e.MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxUpstreamsPerReader: e.MAX_UPSTREAMS_PER_READER,
      rate: {
        userPerSecond: e.RATE_LIMIT_USER_PER_SECOND,
        firmPerSecond: e.RATE_LIMIT_FIRM_PER_SECOND,
        addressPerSecond: e.RATE_LIMIT_ADDRESS_PER_SECOND,
        databaseUrl: e.RATE_LIMIT_DATABASE_URL,
      },
      breaker: { failures: e.BREAKER_FAILURES, openMs: e.BREAKER_OPEN_MS },
      trustedDocuments: { file: e.TRUSTED_DOCUMENTS_FILE, onlyFromBrowsers: e.TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS },
      trustedProxies: e.TRUSTED_PROXIES,
    },
    auth: {
      issuer: e.AUTH_ISSUER,
      jwksUrl: e.AUTH_JWKS_URL,
      audience: e.AUTH_AUDIENCE,
      memberClaim: e.AUTH_MEMBER_CLAIM,
      rolesClaim: e.AUTH_ROLES_CLAIM,
      applicantClaim: e.AUTH_APPLICANT_CLAIM,
      demoAuth: e.DEMO_AUTH,
      demoKeyFile: e.DEMO_AUTH_KEY_FILE ?? join(e.DATA_DIR, 'demo-issuer-key.json'),
      clusterServiceJwksUrl: e.CLUSTER_SERVICE_JWKS_URL,
    },
    observability: observabilityConfigFrom(env),
  };
}
