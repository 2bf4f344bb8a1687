import { join } from 'node:path';
import { z } from 'zod';

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
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_AUDIENCE: z.string().min(1).default('clustergraph'),
  AUTH_MEMBER_CLAIM: z.string().min(1).default('member_id'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  DEMO_AUTH: booleanFlag,
  DEMO_AUTH_KEY_FILE: z.string().min(1).optional(),
  /** The cluster subgraph's /.well-known/jwks.json: accept its planner's service identity (auth/serviceIdentity.ts). */
  CLUSTER_SERVICE_JWKS_URL: z.url().optional(),
  /** A subscriber socket with more unsent bytes than this is closed as a slow consumer at once (1013). */
  LIVE_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  /** …and one that stays above LIVE_SLOW_CONSUMER_BYTES for LIVE_SLOW_CONSUMER_GRACE_MS too. */
  LIVE_SLOW_CONSUMER_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  LIVE_SLOW_CONSUMER_GRACE_MS: z.coerce.number().int().positive().default(5000),
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
  exposeErrors: boolean;
  consoleDir: string | undefined;
  live: { maxBufferedBytes: number; slowConsumerBytes: number; slowConsumerGraceMs: number };
  auth: {
    issuer: string | undefined;
    jwksUrl: string | undefined;
    audience: string;
    memberClaim: string;
    rolesClaim: string;
    demoAuth: boolean;
    demoKeyFile: string;
    clusterServiceJwksUrl: string | undefined;
  };
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
    exposeErrors: e.EXPOSE_ERRORS,
    consoleDir: e.CONSOLE_DIR,
    live: { maxBufferedBytes: e.LIVE_MAX_BUFFERED_BYTES, slowConsumerBytes: e.LIVE_SLOW_CONSUMER_BYTES, slowConsumerGraceMs: e.LIVE_SLOW_CONSUMER_GRACE_MS },
    auth: {
      issuer: e.AUTH_ISSUER,
      jwksUrl: e.AUTH_JWKS_URL,
      audience: e.AUTH_AUDIENCE,
      memberClaim: e.AUTH_MEMBER_CLAIM,
      rolesClaim: e.AUTH_ROLES_CLAIM,
      demoAuth: e.DEMO_AUTH,
      demoKeyFile: e.DEMO_AUTH_KEY_FILE ?? join(e.DATA_DIR, 'demo-issuer-key.json'),
      clusterServiceJwksUrl: e.CLUSTER_SERVICE_JWKS_URL,
    },
  };
}
