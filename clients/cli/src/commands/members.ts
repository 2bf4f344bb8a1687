import type { Command } from 'commander';
import { MembersDocument, lineStatusSummary, memberProblems, type MemberRole, type MemberStatus } from '@clustergraph/sdk';
import { describeProblem, lineSummaryText } from '@clustergraph/i18n';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { enumOption, MEMBER_ROLES as ROLES, MEMBER_STATUSES as STATUSES } from './options.ts';

export function registerMembers(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  program
    .command('members')
    .description(t('members:description'))
    .option('--role <role>', t('members:role', { values: ROLES.join(', ') }), enumOption('role', ROLES))
    .option('--status <status>', t('members:status', { values: STATUSES.join(', ') }), enumOption('status', STATUSES))
    .action(async (options: { role?: MemberRole; status?: MemberStatus }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      const { label } = context.text;
      const { data, errors } = await context.client.execute(MembersDocument, { role: options.role ?? null, status: options.status ?? null });
      if (!data) throw errorsOrEmpty(errors);
      const names = new Map(data.members.map((m) => [m.id, context.text.firmName(m)]));
      const nameOf = (id: string) => names.get(id) ?? id;
      const problems = memberProblems(errors, data);
      if (context.json) {
        // JSON keeps the API's words (English), whatever the language.
        printJson(
          data.members.map((m) => ({ ...m, lineStatus: m.lines ? lineStatusSummary(m.lines, problems.get(m.id)) : null, problem: problems.get(m.id) ?? null })),
        );
      } else {
        const rows = data.members.map((m) => {
          const problem = problems.get(m.id);
          const missing = problem ? describeProblem(t, problem, nameOf(m.id)) : '';
          const processes = m.capabilities ? [...new Set(m.capabilities.map((c) => label('ProcessType', c.process)))].join(', ') : missing;
          const lines = m.lines ? lineSummaryText(t, m.lines, problem).text : missing;
          return [
            m.id,
            nameOf(m.id),
            m.roles.map((r) => label('MemberRole', r)).join(', '),
            label('MemberStatus', m.status),
            m.smartFactoryLevel ?? '',
            processes,
            lines,
            m.region ?? '',
          ];
        });
        print(
          renderTable(
            [
              t('members:id'),
              t('members:name'),
              t('members:roles'),
              t('members:statusColumn'),
              t('members:level'),
              t('members:processes'),
              t('members:lines'),
              t('members:region'),
            ],
            rows,
          ),
        );
        printPurpose(context.text, context.purpose);
      }
      reportPartialErrors(context.text, errors, nameOf, data, context.strict);
    });
}

export function errorsOrEmpty(errors: readonly { message: string }[]): Error {
  return new Error(errors.map((e) => e.message).join('; ') || 'the API returned no data');
}
