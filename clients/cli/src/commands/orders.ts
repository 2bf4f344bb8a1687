import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import ora from 'ora';
import {
  CreateJointOrderDocument,
  JointOrderDetailDocument,
  JointOrdersDocument,
  PlanJointOrderDocument,
  ProposePlanDocument,
  hasApiField,
  isoWeekLabel,
  type CreateJointOrderInput,
  type JointOrderStatus,
  type PlanFieldsFragment,
} from '@clustergraph/sdk';
import { resolveUserPath, type CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { hours, print, printJson, renderTable } from '../output.ts';
import { enumOption, nonNegativeNumber } from './options.ts';
import { apiEnums } from '@clustergraph/sdk';

const ORDER_STATUSES = apiEnums.JointOrderStatus;
const money = (v: number) => Math.round(v).toLocaleString('en-US');

/** A plan as people read it: summary, allocations by operation and member, explanation. */
export function renderPlan(plan: PlanFieldsFragment): string {
  const lines = [
    `Plan ${plan.id} v${plan.version} (${plan.status}, ${plan.solverStatus}): cost ${money(plan.totalCost)}, ${plan.lateDays} late day(s), done ${plan.completionDate ?? '—'}`,
  ];
  if (plan.allocations.length)
    lines.push(
      renderTable(
        ['Op', 'Process', 'Member', 'Week', 'Qty', 'Hours', 'Cost', 'Status'],
        plan.allocations.map((a) => [a.operationIndex, a.process, a.member.name, isoWeekLabel(a.weekStart), a.quantity, hours(a.hours), money(a.cost), a.status]),
      ),
    );
  for (const line of plan.explanation) lines.push(`  · ${line}`);
  if (plan.changes.length) lines.push(`${plan.changes.length} change(s) against the previous version: ${plan.changes.map((c) => `${c.kind} op ${c.operationIndex} ${c.memberId} ${isoWeekLabel(c.weekStart)} ${c.quantityBefore}→${c.quantityAfter}`).join('; ')}`);
  return lines.join('\n');
}

/** Joint orders: list, create from a JSON file, plan (with a spinner), propose. */
export function registerOrders(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Query', 'jointOrders')) return;
  const orders = program.command('orders').description('joint orders split across members (the leader plans them)');

  orders
    .command('list', { isDefault: true })
    .description('joint orders with their status and current plan')
    .option('--status <status>', `only this status (${ORDER_STATUSES.join(', ')})`, enumOption('status', ORDER_STATUSES))
    .action(async (options: { status?: JointOrderStatus }, command: Command) => {
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { jointOrders } = await context.client.request(JointOrdersDocument, { status: options.status ?? null });
      if (context.json) return printJson(jointOrders);
      if (!jointOrders.length) return print('No joint orders.');
      print(
        renderTable(
          ['ID', 'Code', 'Customer', 'Product', 'Qty', 'Due', 'Routing', 'Status', 'Plan'],
          jointOrders.map((o) => [
            o.id,
            o.code,
            o.customer,
            o.product,
            o.quantity,
            o.dueDate,
            o.routing.map((r) => r.process).join(' → '),
            o.status,
            o.currentPlan ? `v${o.currentPlan.version} ${money(o.currentPlan.totalCost)} (${o.currentPlan.lateDays} late d)` : '',
          ]),
        ),
      );
    });

  if (hasApiField('Mutation', 'createJointOrder'))
    orders
      .command('create')
      .description('create an order from a JSON file (CreateJointOrderInput: code, customer, product, quantity, dueDate, routing[])')
      .requiredOption('--file <path>', 'the order as JSON')
      .action(async (options: { file: string }, command: Command) => {
        let input: CreateJointOrderInput;
        const path = resolveUserPath(env, options.file);
        try {
          input = JSON.parse(readFileSync(path, 'utf8')) as CreateJointOrderInput;
        } catch (error) {
          throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
        }
        const context = commandContext(command, env, 'JOINT_PLANNING');
        const { createJointOrder } = await context.client.request(CreateJointOrderDocument, { input });
        if (context.json) printJson(createJointOrder);
        else print(`Created order ${createJointOrder.code} (${createJointOrder.id}), ${createJointOrder.status}.`);
      });

  if (hasApiField('Mutation', 'planJointOrder'))
    orders
      .command('plan')
      .description('plan an order (a new plan version) and print the plan')
      .argument('<id>', 'order id')
      .option('--time-limit <seconds>', 'solver time limit (default 10, at most 120)', nonNegativeNumber('time limit'))
      .action(async (id: string, options: { timeLimit?: number }, command: Command) => {
        const context = commandContext(command, env, 'JOINT_PLANNING');
        const spinner = context.json || !process.stderr.isTTY ? null : ora({ text: `Planning ${id}…`, stream: process.stderr }).start();
        try {
          const { planJointOrder } = await context.client.request(PlanJointOrderDocument, { id, options: options.timeLimit ? { timeLimitSeconds: options.timeLimit } : null });
          spinner?.succeed(`Planned ${id}: v${planJointOrder.version}, ${planJointOrder.solverStatus}`);
          if (context.json) printJson(planJointOrder);
          else print(renderPlan(planJointOrder));
        } catch (error) {
          spinner?.fail(`Planning ${id} failed`);
          throw error;
        }
      });

  if (hasApiField('Mutation', 'proposePlan'))
    orders
      .command('propose')
      .description("send an order's current plan to the members as allocations")
      .argument('<id>', 'order id (or a plan id with --plan)')
      .option('--plan', 'the argument is a plan id')
      .action(async (id: string, options: { plan?: boolean }, command: Command) => {
        const context = commandContext(command, env, 'JOINT_PLANNING');
        let planId = id;
        if (!options.plan) {
          const { jointOrder } = await context.client.request(JointOrderDetailDocument, { id });
          if (!jointOrder) throw new UsageError(`no joint order "${id}"`);
          if (!jointOrder.currentPlan) throw new UsageError(`order ${id} has no plan yet: clustergraph orders plan ${id}`);
          planId = jointOrder.currentPlan.id;
        }
        const { proposePlan } = await context.client.request(ProposePlanDocument, { planId });
        if (context.json) printJson(proposePlan);
        else print(`Proposed plan ${proposePlan.id} v${proposePlan.version}: ${proposePlan.allocations.length} allocation(s) sent.\n${renderPlan(proposePlan)}`);
      });
}
