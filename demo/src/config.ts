// The demo's settings, read from the environment once. Ports 0 pick free ones (the e2e tests
// run a demo beside yours); every fixed port is checked before anything starts.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const demoEnvSchema = z.object({
  DEMO_DATA_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../.data/demo', import.meta.url))),
  PORT: port.default(4000),
  CLUSTER_PORT: port.default(4001),
  /** Members on MEMBER_BASE_PORT, +1, … (six of them); 0 = free ports. */
  MEMBER_BASE_PORT: port.default(4101),
  /** The member host (firms hosted by the cluster, issue 18); 0 = a free port. */
  MEMBER_HOST_PORT: port.default(4100),
  LOG_LEVEL: z.string().min(1).default('warn'),
  /** How long each service may take to answer its /health (a busy machine starts slowly). */
  DEMO_START_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
  /** Restarts of a member that keeps crashing, within DEMO_RESTART_WINDOW_MS, before the demo gives up on it. */
  DEMO_MAX_RESTARTS: z.coerce.number().int().min(1).default(5),
  DEMO_RESTART_WINDOW_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
});

export type DemoConfig = z.infer<typeof demoEnvSchema> & { verbose: boolean };

export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): DemoConfig {
  const parsed = demoEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`bad demo settings: ${problems}`);
  }
  return { ...parsed.data, verbose: argv.includes('--verbose') };
}

/** Which setting moves a service's port, for the message when that port is taken. */
export function portSetting(service: string, config: DemoConfig): string {
  if (service === 'gateway') return 'PORT';
  if (service === 'cluster') return 'CLUSTER_PORT';
  if (service === 'member host') return 'MEMBER_HOST_PORT';
  return `MEMBER_BASE_PORT (members use ${config.MEMBER_BASE_PORT}–${config.MEMBER_BASE_PORT + 5}; 0 picks free ports)`;
}
