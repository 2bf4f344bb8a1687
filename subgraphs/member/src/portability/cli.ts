import { createLogger } from '@clustergraph/runtime';
import { loadPortabilityCommandConfig } from '../config.ts';
import { runPortabilityCommand } from './commands.ts';

// `pnpm member:import|export|erase` (README "Leaving a cluster"): like main.ts, the one module
// of these commands that reads process.env.
let config;
try {
  config = loadPortabilityCommandConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(`member-${config.memberId}-portability`, { level: process.env['LOG_LEVEL'] ?? 'warn' });
process.exitCode = await runPortabilityCommand(
  process.argv.slice(2),
  config,
  logger,
  {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  },
  process.env['USER'],
);
