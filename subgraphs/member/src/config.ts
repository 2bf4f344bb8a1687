import { z } from 'zod';

const MEMBER_ID_PATTERN = /^[a-z0-9-]+$/;

const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? defaultValue : v === 'true' || v === '1' || v === 'yes'));

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const envSchema = z
  .object({
    MEMBER_ID: z.string().regex(MEMBER_ID_PATTERN, 'lower-case letters, digits and hyphens only'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4101),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
    GATEWAY_PUBLIC_JWK_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    GATEWAY_JWKS_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_PRETTY: flag(false),
    SEED_PROFILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    NODE_ENV: z.string().optional(),
    EXPOSE_ERRORS: z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional(),
  })
  .refine((env) => env.GATEWAY_PUBLIC_JWK_FILE !== undefined || env.GATEWAY_JWKS_URL !== undefined, {
    message: 'set GATEWAY_PUBLIC_JWK_FILE or GATEWAY_JWKS_URL (the gateway key that signs forwarded requests)',
    path: ['GATEWAY_PUBLIC_JWK_FILE'],
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
  };
}
