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
  isInfeasiblePlan,
  isoWeekLabel,
  suggestionAction,
  violationPlace,
  violationRule,
  type PlanSuggestionFieldsFragment,
  type PlanViolationFieldsFragment,
  type CreateJointOrderInput,
  type JointOrderStatus,
  type PlanFieldsFragment,
} from '@clustergraph/sdk';
import { resolveUserPath, type CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { hours, INFEASIBLE_EXIT_CODE, print, printJson, renderTable } from '../output.ts';
import { enumOption, nonNegativeNumber } from './options.ts';
import { apiEnums } from '@clustergraph/sdk';

const ORDER_STATUSES = apiEnums.JointOrderStatus;
const money = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Why a plan cannot be proposed and what the leader can do (issue 14 §2): each broken rule with
 * its operation, member and week, then the suggestions as commands to consider.
 */
export function renderInfeasible(
  violations: readonly PlanViolationFieldsFragment[],
  suggestions: readonly PlanSuggestionFieldsFragment[],
  memberName: (id: string) => string = (id) => id,
): string {
  const lines = ['INFEASIBLE: no valid plan for this order; it was not proposed and cannot be.'];
  if (violations.length) {
    lines.push('Rules the candidate plan broke:');
    for (const v of violations) lines.push(`  ✗ ${violationRule(v.kind)} — ${violationPlace(v, memberName) || 'the order'}: ${v.message}`);
  } else lines.push('No candidate plan was found (the explanation says which constraint leaves no room).');
  if (suggestions.length) {
    lines.push('What you can do:');
    for (const s of suggestions) lines.push(`  → ${suggestionAction(s, memberName)}. ${s.message}`);
  }
  return lines.join('\n');
}

/** A plan as people read it: summary, allocations by operation and member, explanation; an infeasible plan says why first. */
export function renderPlan(plan: PlanFieldsFragment): string {
  const names = new Map(plan.allocations.map((a) => [a.memberId, a.member.name]));
  const lines = [
    `Plan ${plan.id} v${plan.version} (${plan.status}, ${plan.solverStatus}): cost ${money(plan.totalCost)}, ${plan.lateDays} late day(s), done ${plan.completionDate ?? '—'}`,
  ];
  if (isInfeasiblePlan(plan)) lines.push(renderInfeasible(plan.violations, plan.suggestions, (id) => names.get(id) ?? id));
  if (plan.allocations.length)
    lines.push(
      renderTable(
        ['Op', 'Process', 'Member', 'Week', 'Qty', 'Hours', 'Cost', 'Status'],
        plan.allocations.map((a) => [
          a.operationIndex,
          a.process,
          a.member.name,
          isoWeekLabel(a.weekStart),
          a.quantity,
          hours(a.hours),
          money(a.cost),
          a.status,
        ]),
      ),
    );
  for (const line of plan.explanation) lines.push(`  · ${line}`);
  if (plan.changes.length)
    lines.push(
      `${plan.changes.length} change(s) against the previous version: ${plan.changes.map((c) => `${c.kind} op ${c.operationIndex} ${c.memberId} ${isoWeekLabel(c.weekStart)} ${c.quantityBefore}→${c.quantityAfter}`).join('; ')}`,
    );
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

  orders
    .command('show')
    .description('one order: its routing, its current plan and, when that plan is infeasible, why and what to do')
    .argument('<id>', 'order id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { jointOrder } = await context.client.request(JointOrderDetailDocument, { id });
      if (!jointOrder) throw new UsageError(`no joint order "${id}"`);
      if (context.json) printJson(jointOrder);
      else {
        print(
          `Order ${jointOrder.code} (${jointOrder.id}), ${jointOrder.status}: ${jointOrder.product} × ${jointOrder.quantity} for ${jointOrder.customer}, due ${jointOrder.dueDate}`,
        );
        print(`Routing: ${jointOrder.routing.map((r) => `${r.index} ${r.process}`).join(' → ')}`);
        print(jointOrder.currentPlan ? renderPlan(jointOrder.currentPlan) : `No plan yet: clustergraph orders plan ${id}`);
      }
      if (jointOrder.currentPlan && isInfeasiblePlan(jointOrder.currentPlan)) process.exitCode = INFEASIBLE_EXIT_CODE;
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
          const { planJointOrder } = await context.client.request(PlanJointOrderDocument, {
            id,
            options: options.timeLimit ? { timeLimitSeconds: options.timeLimit } : null,
          });
          const infeasible = isInfeasiblePlan(planJointOrder);
          if (infeasible) spinner?.warn(`Planned ${id}: v${planJointOrder.version} is INFEASIBLE`);
          else spinner?.succeed(`Planned ${id}: v${planJointOrder.version}, ${planJointOrder.solverStatus}`);
          if (context.json) printJson(planJointOrder);
          else print(renderPlan(planJointOrder));
          // Scripts must not go on to propose it: a plan was made, but not one that can be used.
          if (infeasible) process.exitCode = INFEASIBLE_EXIT_CODE;
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
          if (isInfeasiblePlan(jointOrder.currentPlan)) {
            // proposePlan would refuse it (CONFLICT); say why instead, and what can be done.
            process.stderr.write(`error: the current plan of ${id} (v${jointOrder.currentPlan.version}) is INFEASIBLE and cannot be proposed\n`);
            print(renderInfeasible(jointOrder.violations, jointOrder.suggestions));
            process.exitCode = INFEASIBLE_EXIT_CODE;
            return;
          }
        }
        const { proposePlan } = await context.client.request(ProposePlanDocument, { planId });
        if (context.json) printJson(proposePlan);
        else
          print(`Proposed plan ${proposePlan.id} v${proposePlan.version}: ${proposePlan.allocations.length} allocation(s) sent.\n${renderPlan(proposePlan)}`);
      });
}
