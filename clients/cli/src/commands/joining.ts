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
import { print, printJson } from '../output.ts';
import { collect, enumOption, MEMBER_ROLES, PROCESS_TYPES } from './options.ts';

/** Issue 18: `apply` and `application` for an applicant (login --as applicant@<id>), `members approve|reject` for the leader's admin. */
export function registerJoining(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Mutation', 'rejectMember')) return;
  const roles = (values: string[]) => values.map(enumOption('role', MEMBER_ROLES)) as MemberRole[];
  const processes = (values: string[]) => values.map(enumOption('process', PROCESS_TYPES)) as ProcessType[];

  program
    .command('apply')
    .description('apply to join the cluster (signed in as applicant@<your-firm-id>): hosted by the cluster, or your own member server')
    .requiredOption('--name <name>', "your firm's name")
    .option('--id <id>', 'your firm id (default: the one your applicant sign-in names)')
    .option('--role <roles>', `roles you ask for, comma-separated (${MEMBER_ROLES.join(', ')})`, collect)
    .option('--process <processes>', 'processes you run, comma-separated', collect)
    .option('--region <region>', 'where the firm is')
    .addOption(new Option('--hosted', 'the cluster runs your member server (no endpoint)').conflicts('memberEndpoint'))
    .option('--member-endpoint <url>', 'the URL of your own member subgraph (SELF_HOSTED; --endpoint is the gateway)')
    .action(
      async (
        options: { name: string; id?: string; role?: string[]; process?: string[]; region?: string; hosted?: boolean; memberEndpoint?: string },
        command: Command,
      ) => {
        if (!options.hosted && !options.memberEndpoint) throw new UsageError('apply needs --hosted or --member-endpoint <url of your member subgraph>');
        const context = commandContext(command, env);
        const { registerMember } = await context.client.request(ApplyToJoinDocument, {
          input: {
            name: options.name,
            roles: roles(options.role ?? ['PARTNER']),
            processes: processes(options.process ?? []),
            hosting: options.hosted ? 'HOSTED' : 'SELF_HOSTED',
            ...(options.id ? { id: options.id } : {}),
            ...(options.region ? { region: options.region } : {}),
            ...(options.memberEndpoint ? { endpoint: options.memberEndpoint } : {}),
          },
        });
        if (context.json) printJson(registerMember);
        else print(`Applied: ${registerMember.id} (${registerMember.name}) is ${registerMember.status}; the leader approves or rejects it.`);
      },
    );

  program
    .command('application')
    .description("your firm's application: its status and the leader's reason")
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command, env);
      const { me } = await context.client.request(MyApplicationDocument, {});
      const application = me?.member ?? null;
      if (context.json) printJson(application);
      else if (!application) print(`No application for ${me?.memberId ?? 'you'} yet: clustergraph apply --name … (--hosted | --member-endpoint …)`);
      else print(`${application.id} (${application.name}): ${application.status}${application.statusReason ? ` — ${application.statusReason}` : ''}`);
    });

  const members = program.commands.find((c) => c.name() === 'members');
  if (!members) return;
  members
    .command('approve')
    .description("approve a member (the leader's admins): a HOSTED applicant is provisioned on the member host first")
    .argument('<id>', 'member id')
    .option('--role <roles>', 'roles to grant, comma-separated (default: what it asked for, or kept on a re-approval)', collect)
    .action(async (id: string, options: { role?: string[] }, command: Command) => {
      const context = commandContext(command, env);
      const { approveMember } = await context.client.request(ApproveMemberDocument, { id, roles: options.role ? roles(options.role) : null });
      if (context.json) printJson(approveMember);
      else
        print(
          `${approveMember.id} is ${approveMember.status} with ${approveMember.roles.join(', ')}${approveMember.endpoint ? ` at ${approveMember.endpoint}` : ''}.`,
        );
    });
  members
    .command('reject')
    .description("reject an application with the reason the applicant will read (the leader's admins)")
    .argument('<id>', 'member id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: { reason: string }, command: Command) => {
      const context = commandContext(command, env);
      const { rejectMember } = await context.client.request(RejectMemberDocument, { id, reason: options.reason });
      if (context.json) printJson(rejectMember);
      else print(`${rejectMember.id} is ${rejectMember.status}: ${rejectMember.statusReason ?? ''}`);
    });
}
