import type { Command } from 'commander';
import { MemberAllocationsDocument, RespondToAllocationDocument, hasApiField, type AllocationStatus } from '@clustergraph/sdk';
import { neighbourText } from '@clustergraph/i18n';
import type { CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { hours, print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { ALLOCATION_STATUSES, enumOption } from './options.ts';
import { errorsOrEmpty } from './members.ts';

/** Work proposed to, or accepted by, the signed-in firm (joint orders split by the leader's planner). */
export function registerAllocations(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  const allocations = program
    .command('allocations')
    .description(t('allocations:description'))
    .option('--member <id>', t('common:options.member'))
    .option('--status <status>', t('allocations:status', { values: ALLOCATION_STATUSES.join(', ') }), enumOption('status', ALLOCATION_STATUSES))
    .action(async (options: { member?: string; status?: AllocationStatus }, command: Command) => {
      // Allocations serve joint planning: the purpose a firm grants its ORDERS to the leader for.
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { label, fmt, firmName } = context.text;
      const memberId = actingMemberId(context, options.member);
      const { data, errors } = await context.client.execute(MemberAllocationsDocument, { memberId, status: options.status ?? null });
      if (!data) throw errorsOrEmpty(errors);
      if (!data.member) throw new UsageError(t('common:noMember', { id: memberId }));
      const list = data.member.allocations;
      const words = { process: (p: string) => label('ProcessType', p), firm: firmName, week: fmt.week };
      if (context.json) printJson(list);
      else if (list?.length === 0) print(t('allocations:none'));
      else if (list)
        print(
          renderTable(
            [
              t('allocations:id'),
              t('allocations:order'),
              t('allocations:productCustomer'),
              t('allocations:due'),
              t('allocations:operation'),
              t('allocations:week'),
              t('allocations:quantity'),
              t('allocations:hours'),
              t('allocations:price'),
              t('allocations:before'),
              t('allocations:after'),
              t('allocations:statusColumn'),
              t('allocations:progress'),
            ],
            list.map((a) => {
              const p = a.proposal;
              return [
                a.id,
                p?.orderCode ?? a.jointOrderId,
                p ? `${p.product} · ${p.customer}` : '',
                p?.dueDate ? fmt.date(p.dueDate) : '',
                `${a.operationIndex} ${label('ProcessType', a.process)}`,
                fmt.week(a.weekStart),
                p ? t('allocations:quantityOf', { quantity: a.quantity, total: p.orderQuantity }) : a.quantity,
                hours(a.hours),
                p ? fmt.number(Math.round(p.price), 0) : '',
                p ? neighbourText(t, p.previousOperation, words) : '',
                p ? neighbourText(t, p.nextOperation, words) : '',
                label('AllocationStatus', a.status),
                `${Math.round(a.progress * 100)} %`,
              ];
            }),
          ),
        );
      if (!context.json) printPurpose(context.text, context.purpose);
      reportPartialErrors(context.text, errors, (id) => (id === data.member?.id ? firmName(data.member) : id), data, context.strict);
    });

  if (hasApiField('Mutation', 'respondToAllocation')) {
    allocations
      .command('respond')
      .description(t('allocations:respond.description'))
      .argument('<id>', t('allocations:respond.id'))
      .argument('<answer>', t('allocations:respond.answer'))
      .option('--reason <text>', t('allocations:respond.reason'))
      .option('--member <id>', t('common:options.member'))
      .action(async (id: string, answer: string, options: { reason?: string; member?: string }, command: Command) => {
        const normalized = answer.toLowerCase();
        if (normalized !== 'accept' && normalized !== 'decline') throw new UsageError(t('allocations:respond.badAnswer', { answer }));
        const context = commandContext(command, env);
        const memberId = actingMemberId(context, options.member ?? command.parent?.opts<{ member?: string }>().member);
        const { respondToAllocation } = await context.client.request(RespondToAllocationDocument, {
          memberId,
          id,
          accept: normalized === 'accept',
          reason: options.reason ?? null,
        });
        if (context.json) printJson(respondToAllocation);
        else
          print(
            respondToAllocation.declineReason
              ? t('allocations:respond.nowWithReason', {
                  id: respondToAllocation.id,
                  status: context.text.label('AllocationStatus', respondToAllocation.status),
                  reason: respondToAllocation.declineReason,
                })
              : t('allocations:respond.now', { id: respondToAllocation.id, status: context.text.label('AllocationStatus', respondToAllocation.status) }),
          );
      });
  }
}
