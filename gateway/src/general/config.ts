import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { loadShardingConfig, type ShardingConfig } from './shardingConfig.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const generalEnvSchema = z.object({
  SUPERGRAPH_FILE: z.string().min(1),
  /** Optional JSON file naming the key-sharded subgraphs (README "General mode"). */
  SHARDING_FILE: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFlag,
  /** `compiled` (default): plans, operations and result shaping kept per document (gateway/src/execution); `apollo`: Apollo Gateway's own executor. */
  GATEWAY_EXECUTOR: z.enum(['compiled', 'apollo']).default('compiled'),
  /** pnpm runs the script in gateway/; relative paths are taken from where it was called. */
  INIT_CWD: z.string().min(1).optional(),
});

/** General mode: any Federation v2 supergraph, no registry, no sign-in. */
export interface GeneralGatewayConfig {
  supergraphFile: string;
  sharding: ShardingConfig;
  port: number;
  host: string;
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  logLevel: string;
  logPretty: boolean;
  executor: 'compiled' | 'apollo';
}

export function loadGeneralGatewayConfig(env: Record<string, string | undefined> = process.env): GeneralGatewayConfig {
  const parsed = generalEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid gateway configuration:\n${problems}`);
  }
  const e = parsed.data;
  const base = e.INIT_CWD ?? process.cwd();
  const fromCaller = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  return {
    supergraphFile: fromCaller(e.SUPERGRAPH_FILE),
    sharding: e.SHARDING_FILE ? loadShardingConfig(fromCaller(e.SHARDING_FILE)) : { subgraphs: {} },
    port: e.PORT,
    host: e.HOST,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    executor: e.GATEWAY_EXECUTOR,
  };
}
