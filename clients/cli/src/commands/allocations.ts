import type { Command } from 'commander';
import { MemberAllocationsDocument, RespondToAllocationDocument, describeNeighbour, hasApiField, isoWeekLabel, type AllocationStatus } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError } from '../context.ts';
import { hours, print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { ALLOCATION_STATUSES, enumOption } from './options.ts';
import { errorsOrEmpty } from './members.ts';

/** Work proposed to, or accepted by, the signed-in firm (joint orders split by the leader's planner). */
export function registerAllocations(program: Command, env: CliEnvironment): void {
  const allocations = program
    .command('allocations')
    .description("your firm's allocations from joint orders")
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .option('--status <status>', `only this status (${ALLOCATION_STATUSES.join(', ')})`, enumOption('status', ALLOCATION_STATUSES))
    .action(async (options: { member?: string; status?: AllocationStatus }, command: Command) => {
      // Allocations serve joint planning: the purpose a firm grants its ORDERS to the leader for.
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const memberId = actingMemberId(context, options.member);
      const { data, errors } = await context.client.execute(MemberAllocationsDocument, { memberId, status: options.status ?? null });
      if (!data) throw errorsOrEmpty(errors);
      if (!data.member) throw new UsageError(`no member "${memberId}"`);
      const list = data.member.allocations;
      if (context.json) printJson(list);
      else if (list?.length === 0) print('No allocations.');
      else if (list)
        print(
          renderTable(
            ['ID', 'Order', 'Product · customer', 'Due', 'Op', 'Week', 'Qty', 'Hours', 'Price (KRW)', 'Before', 'After', 'Status', 'Progress'],
            list.map((a) => {
              const p = a.proposal;
              return [
                a.id,
                p?.orderCode ?? a.jointOrderId,
                p ? `${p.product} · ${p.customer}` : '',
                p?.dueDate ?? '',
                `${a.operationIndex} ${a.process}`,
                isoWeekLabel(a.weekStart),
                p ? `${a.quantity} of ${p.orderQuantity}` : a.quantity,
                hours(a.hours),
                p ? Math.round(p.price).toLocaleString('en-US') : '',
                p ? describeNeighbour(p.previousOperation) : '',
                p ? describeNeighbour(p.nextOperation) : '',
                a.status,
                `${Math.round(a.progress * 100)} %`,
              ];
            }),
          ),
        );
      if (!context.json) printPurpose(context.purpose);
      reportPartialErrors(errors, (id) => (id === data.member?.id ? data.member.name : id), data, context.strict);
    });

  if (hasApiField('Mutation', 'respondToAllocation')) {
    allocations
      .command('respond')
      .description('accept or decline an allocation proposed to your firm')
      .argument('<id>', 'allocation id')
      .argument('<answer>', 'accept or decline')
      .option('--reason <text>', 'why (for a decline)')
      .option('--member <id>', 'the member (default: the signed-in firm)')
      .action(async (id: string, answer: string, options: { reason?: string; member?: string }, command: Command) => {
        const normalized = answer.toLowerCase();
        if (normalized !== 'accept' && normalized !== 'decline') throw new UsageError(`answer must be accept or decline, not "${answer}"`);
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
            `Allocation ${respondToAllocation.id} is now ${respondToAllocation.status}${respondToAllocation.declineReason ? ` (${respondToAllocation.declineReason})` : ''}.`,
          );
      });
  }
}
