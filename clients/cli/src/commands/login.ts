import type { Command } from 'commander';
import { demoUsers, login, parseLogin } from '@clustergraph/sdk';
import { saveConfig, type CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson } from '../output.ts';

export function registerLogin(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  program
    .command('login')
    .description(t('login:description'))
    .option('--as <user>', t('login:as', { example: 'admin@hanbit-ev, planner@sejin-heat' }))
    .option('--list', t('login:list'))
    .action(async (options: { as?: string; list?: boolean }, command: Command) => {
      const context = commandContext(command, env);
      if (options.list) {
        const users = await demoUsers(context.endpoint);
        if (context.json) printJson(users);
        else print(users.join('\n'));
        return;
      }
      if (!options.as) throw new UsageError(t('login:needsAs', { usage: '--as <user>@<memberId>', list: '--list' }));
      const { user, memberId } = parseLogin(options.as);
      const token = await login(context.endpoint, options.as);
      const config = context.config;
      config.endpoint = context.endpoint;
      config.sessions = { ...config.sessions, [context.endpoint]: { token, user: options.as, memberId, signedInAt: new Date().toISOString() } };
      saveConfig(env.configPath, config);
      if (context.json) printJson({ endpoint: context.endpoint, user: options.as, memberId });
      else print(t('login:signedIn', { user, memberId, endpoint: context.endpoint, path: env.configPath }));
    });
}
