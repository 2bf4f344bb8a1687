import { Command, Option } from 'commander';
import { PURPOSES } from '@clustergraph/sdk';
import type { CliEnvironment } from './config.ts';
import { registerLogin } from './commands/login.ts';
import { registerMembers } from './commands/members.ts';
import { registerLines } from './commands/lines.ts';
import { registerCapacity } from './commands/capacity.ts';
import { registerAllocations } from './commands/allocations.ts';
import { registerOrders } from './commands/orders.ts';
import { registerSharing } from './commands/sharing.ts';
import { registerWatch } from './commands/watch.ts';
import { registerJoining } from './commands/joining.ts';

/** Kept in step with package.json (the bundle carries no package.json to read). */
export const CLI_VERSION = '0.1.0';

/**
 * The `clustergraph` command. Commands exist only for API that has landed in
 * schema/api.graphql (see hasApiField): `watch lines`, `orders …`, `policies` and
 * `usage` are registered by the issues that add their fields.
 */
export function createProgram(env: CliEnvironment): Command {
  // exitOverride before the subcommands exist, so that they inherit it (usage errors
  // are thrown, and main maps them to exit code 2).
  const program = new Command('clustergraph')
    .exitOverride()
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .description('ClusterGraph: the federated graph of a manufacturing cluster, from the terminal')
    .option('--endpoint <url>', 'GraphQL endpoint of the gateway (default: from login, else http://localhost:4000/graphql)')
    .option('--json', 'print JSON for scripts instead of tables')
    .addOption(new Option('--purpose <purpose>', "why you read the data (checked against sharing policies; default: the command's own)").choices(PURPOSES))
    .option('--strict', 'treat data withheld by a sharing policy as missing (exit 3)')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  registerLogin(program, env);
  registerMembers(program, env);
  registerLines(program, env);
  registerCapacity(program, env);
  registerAllocations(program, env);
  registerOrders(program, env);
  registerSharing(program, env);
  registerWatch(program, env);
  registerJoining(program, env);
  return program;
}
