import type { Command } from 'commander';
import { MembersDocument, describeMemberProblem, lineStatusSummary, memberProblems, type MemberRole, type MemberStatus } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { enumOption, MEMBER_ROLES as ROLES, MEMBER_STATUSES as STATUSES } from './options.ts';

export function registerMembers(program: Command, env: CliEnvironment): void {
  program
    .command('members')
    .description('members of the cluster: roles, status, smart-factory level, processes, lines')
    .option('--role <role>', `only members with this role (${ROLES.join(', ')})`, enumOption('role', ROLES))
    .option('--status <status>', `only members in this status (${STATUSES.join(', ')})`, enumOption('status', STATUSES))
    .action(async (options: { role?: MemberRole; status?: MemberStatus }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      const { data, errors } = await context.client.execute(MembersDocument, { role: options.role ?? null, status: options.status ?? null });
      if (!data) throw errorsOrEmpty(errors);
      const names = new Map(data.members.map((m) => [m.id, m.name]));
      const nameOf = (id: string) => names.get(id) ?? id;
      const problems = memberProblems(errors, data);
      if (context.json) {
        printJson(
          data.members.map((m) => ({ ...m, lineStatus: m.lines ? lineStatusSummary(m.lines, problems.get(m.id)) : null, problem: problems.get(m.id) ?? null })),
        );
      } else {
        const rows = data.members.map((m) => {
          const problem = problems.get(m.id);
          const missing = problem ? describeMemberProblem(problem, m.name) : '';
          const processes = m.capabilities ? [...new Set(m.capabilities.map((c) => c.process))].join(', ') : missing;
          const lines = m.lines ? lineStatusSummary(m.lines, problem).text : missing;
          return [m.id, m.name, m.roles.join(', '), m.status, m.smartFactoryLevel ?? '', processes, lines, m.region ?? ''];
        });
        print(renderTable(['ID', 'Name', 'Roles', 'Status', 'Level (declared)', 'Processes', 'Lines', 'Region'], rows));
        printPurpose(context.purpose);
      }
      reportPartialErrors(errors, nameOf, data, context.strict);
    });
}

export function errorsOrEmpty(errors: readonly { message: string }[]): Error {
  return new Error(errors.map((e) => e.message).join('; ') || 'the API returned no data');
}
