import { Option, type Command } from 'commander';
import {
  ApplyToJoinDocument,
  ApproveMemberDocument,
  MyApplicationDocument,
  RejectMemberDocument,
  hasApiField,
  type MemberRole,
  type ProcessType,
} from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson } from '../output.ts';
import { collect, enumOption, MEMBER_ROLES, PROCESS_TYPES } from './options.ts';

/** Issue 18: `apply` and `application` for an applicant (login --as applicant@<id>), `members approve|reject` for the leader's admin. */
export function registerJoining(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Mutation', 'rejectMember')) return;
  const { t } = cliText(env.language);
  const roles = (values: string[]) => values.map(enumOption('role', MEMBER_ROLES)) as MemberRole[];
  const processes = (values: string[]) => values.map(enumOption('process', PROCESS_TYPES)) as ProcessType[];

  program
    .command('apply')
    .description(t('joining:apply.description'))
    .requiredOption('--name <name>', t('joining:apply.name'))
    .option('--local-name <name>', t('joining:apply.localName'))
    .option('--id <id>', t('joining:apply.id'))
    .option('--role <roles>', t('joining:apply.role', { values: MEMBER_ROLES.join(', ') }), collect)
    .option('--process <processes>', t('joining:apply.process'), collect)
    .option('--region <region>', t('joining:apply.region'))
    .addOption(new Option('--hosted', t('joining:apply.hosted')).conflicts('memberEndpoint'))
    .option('--member-endpoint <url>', t('joining:apply.memberEndpoint'))
    .action(
      async (
        options: {
          name: string;
          localName?: string;
          id?: string;
          role?: string[];
          process?: string[];
          region?: string;
          hosted?: boolean;
          memberEndpoint?: string;
        },
        command: Command,
      ) => {
        if (!options.hosted && !options.memberEndpoint) throw new UsageError(t('joining:apply.needsHosting'));
        const context = commandContext(command, env);
        const { registerMember } = await context.client.request(ApplyToJoinDocument, {
          input: {
            name: options.name,
            roles: roles(options.role ?? ['PARTNER']),
            processes: processes(options.process ?? []),
            hosting: options.hosted ? 'HOSTED' : 'SELF_HOSTED',
            ...(options.localName ? { localName: options.localName } : {}),
            ...(options.id ? { id: options.id } : {}),
            ...(options.region ? { region: options.region } : {}),
            ...(options.memberEndpoint ? { endpoint: options.memberEndpoint } : {}),
          },
        });
        if (context.json) printJson(registerMember);
        else
          print(
            t('joining:apply.done', {
              id: registerMember.id,
              name: context.text.firmName(registerMember),
              status: context.text.label('MemberStatus', registerMember.status),
            }),
          );
      },
    );

  program
    .command('application')
    .description(t('joining:application.description'))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command, env);
      const { me } = await context.client.request(MyApplicationDocument, {});
      const application = me?.member ?? null;
      if (context.json) printJson(application);
      else if (!application) print(t('joining:application.none', { id: me?.memberId ?? '?' }));
      else {
        const values = { id: application.id, name: context.text.firmName(application), status: context.text.label('MemberStatus', application.status) };
        print(
          application.statusReason
            ? t('joining:application.statusWithReason', { ...values, reason: application.statusReason })
            : t('joining:application.status', values),
        );
      }
    });

  const members = program.commands.find((c) => c.name() === 'members');
  if (!members) return;
  members
    .command('approve')
    .description(t('joining:approve.description'))
    .argument('<id>', t('joining:approve.id'))
    .option('--role <roles>', t('joining:approve.role'), collect)
    .action(async (id: string, options: { role?: string[] }, command: Command) => {
      const context = commandContext(command, env);
      const { approveMember } = await context.client.request(ApproveMemberDocument, { id, roles: options.role ? roles(options.role) : null });
      if (context.json) printJson(approveMember);
      else {
        const values = {
          id: approveMember.id,
          status: context.text.label('MemberStatus', approveMember.status),
          roles: approveMember.roles.map((r) => context.text.label('MemberRole', r)).join(', '),
        };
        print(approveMember.endpoint ? t('joining:approve.doneAt', { ...values, endpoint: approveMember.endpoint }) : t('joining:approve.done', values));
      }
    });
  members
    .command('reject')
    .description(t('joining:reject.description'))
    .argument('<id>', t('joining:reject.id'))
    .requiredOption('--reason <text>', t('joining:reject.reason'))
    .action(async (id: string, options: { reason: string }, command: Command) => {
      const context = commandContext(command, env);
      const { rejectMember } = await context.client.request(RejectMemberDocument, { id, reason: options.reason });
      if (context.json) printJson(rejectMember);
      else
        print(
          t('joining:reject.done', {
            id: rejectMember.id,
            status: context.text.label('MemberStatus', rejectMember.status),
            reason: rejectMember.statusReason ?? '',
          }),
        );
    });
}
