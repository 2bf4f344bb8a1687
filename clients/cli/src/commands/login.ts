import type { Command } from 'commander';
import { demoUsers, login, parseLogin } from '@clustergraph/sdk';
import { saveConfig, type CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { print, printJson } from '../output.ts';

export function registerLogin(program: Command, env: CliEnvironment): void {
  program
    .command('login')
    .description('sign in with a demo user and remember the token for this endpoint')
    .option('--as <user>', 'demo login, e.g. admin@hanbit-ev or planner@sejin-heat')
    .option('--list', 'list the demo logins the gateway offers')
    .action(async (options: { as?: string; list?: boolean }, command: Command) => {
      const context = commandContext(command, env);
      if (options.list) {
        const users = await demoUsers(context.endpoint);
        if (context.json) printJson(users);
        else print(users.join('\n'));
        return;
      }
      if (!options.as) throw new UsageError('login needs --as <user>@<memberId> (or --list)');
      const { user, memberId } = parseLogin(options.as);
      const token = await login(context.endpoint, options.as);
      const config = context.config;
      config.endpoint = context.endpoint;
      config.sessions = { ...config.sessions, [context.endpoint]: { token, user: options.as, memberId, signedInAt: new Date().toISOString() } };
      saveConfig(env.configPath, config);
      if (context.json) printJson({ endpoint: context.endpoint, user: options.as, memberId });
      else print(`Signed in as ${user} of ${memberId} at ${context.endpoint} (saved in ${env.configPath})`);
    });
}
