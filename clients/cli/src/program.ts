import { Command, Option } from 'commander';
import { PURPOSES } from '@clustergraph/sdk';
import { LANGUAGES } from '@clustergraph/i18n';
import type { CliEnvironment } from './config.ts';
import { cliText } from './i18n/index.ts';
import { registerLogin } from './commands/login.ts';
import { registerMembers } from './commands/members.ts';
import { registerLines } from './commands/lines.ts';
import { registerCapacity } from './commands/capacity.ts';
import { registerAllocations } from './commands/allocations.ts';
import { registerOrders } from './commands/orders.ts';
import { registerSharing } from './commands/sharing.ts';
import { registerWatch } from './commands/watch.ts';
import { registerProduction } from './commands/production.ts';
import { registerExport } from './commands/export.ts';
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
  const { t } = cliText(env.language);
  const program = new Command('clustergraph')
    .exitOverride()
    .version(CLI_VERSION, '-V, --version', t('common:program.version'))
    .helpOption('-h, --help', t('common:program.help'))
    .helpCommand('help [command]', t('common:program.helpCommand'))
    .description(t('common:program.description'))
    .option('--endpoint <url>', t('common:program.endpoint'))
    .option('--json', t('common:program.json'))
    .addOption(new Option('--purpose <purpose>', t('common:program.purpose')).choices(PURPOSES))
    .option('--strict', t('common:program.strict'))
    // Read before parsing (main.ts): the help itself is written in the chosen language.
    .addOption(new Option('--lang <language>', t('common:program.lang')).choices(LANGUAGES))
    .showHelpAfterError(t('common:program.showHelp'))
    // Subcommands inherit this: the help's headings ("Usage:", "Options:", …) in the chosen language.
    .configureHelp({ sortSubcommands: false, styleTitle: (title) => t('common:help.title', { title: title.replace(/\W/g, '') }) });
  registerLogin(program, env);
  registerMembers(program, env);
  registerLines(program, env);
  registerCapacity(program, env);
  registerProduction(program, env);
  registerAllocations(program, env);
  registerOrders(program, env);
  registerSharing(program, env);
  registerWatch(program, env);
  registerExport(program, env);
  registerJoining(program, env);
  return program;
}
