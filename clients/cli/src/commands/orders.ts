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
  type PlanSuggestionFieldsFragment,
  type PlanViolationFieldsFragment,
  type CreateJointOrderInput,
  type JointOrderStatus,
  type PlanFieldsFragment,
} from '@clustergraph/sdk';
import { apiLabel, suggestionActionText, violationPlaceText } from '@clustergraph/i18n';
import { resolveUserPath, type CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { cliText, type CliText } from '../i18n/index.ts';
import { hours, INFEASIBLE_EXIT_CODE, print, printJson, renderTable } from '../output.ts';
import { enumOption, nonNegativeNumber } from './options.ts';
import { apiEnums } from '@clustergraph/sdk';

const ORDER_STATUSES = apiEnums.JointOrderStatus;

/**
 * Why a plan cannot be proposed and what the leader can do (issue 14 §2): each broken rule with
 * its operation, member and week, then the suggestions as commands to consider.
 */
export function renderInfeasible(
  { t, fmt, label }: CliText,
  violations: readonly PlanViolationFieldsFragment[],
  suggestions: readonly PlanSuggestionFieldsFragment[],
  memberName: (id: string) => string = (id) => id,
): string {
  // Rule names are words in both languages; the server's messages stay English.
  const words = { process: (p: string) => label('ProcessType', p), firm: memberName, week: fmt.week, date: fmt.date };
  const place = (v: PlanViolationFieldsFragment) => violationPlaceText(t, v, words);
  const lines = [t('orders:infeasible.head', { status: label('PlanStatus', 'INFEASIBLE') })];
  if (violations.length) {
    lines.push(t('orders:infeasible.rules'));
    for (const v of violations) lines.push(`  ✗ ${apiLabel(t, 'PlanViolationKind', v.kind)} — ${place(v) || t('orders:infeasible.theOrder')}: ${v.message}`);
  } else lines.push(t('orders:infeasible.noCandidate'));
  if (suggestions.length) {
    lines.push(t('orders:infeasible.whatToDo'));
    for (const s of suggestions) lines.push(`  → ${suggestionActionText(t, s, words)}. ${s.message}`);
  }
  return lines.join('\n');
}

/** A plan as people read it: summary, allocations by operation and member, explanation; an infeasible plan says why first. */
export function renderPlan(text: CliText, plan: PlanFieldsFragment): string {
  const { t, fmt, label, firmName } = text;
  const money = (v: number) => fmt.number(Math.round(v), 0);
  const names = new Map(plan.allocations.map((a) => [a.memberId, firmName(a.member)]));
  const lines = [
    t('orders:plan.summary', {
      id: plan.id,
      version: plan.version,
      status: label('PlanStatus', plan.status),
      solverStatus: plan.solverStatus,
      cost: money(plan.totalCost),
      lateDays: plan.lateDays,
      done: plan.completionDate ? fmt.date(plan.completionDate) : '—',
    }),
  ];
  if (isInfeasiblePlan(plan)) lines.push(renderInfeasible(text, plan.violations, plan.suggestions, (id) => names.get(id) ?? id));
  if (plan.allocations.length)
    lines.push(
      renderTable(
        [
          t('orders:plan.operation'),
          t('orders:plan.process'),
          t('orders:plan.member'),
          t('orders:plan.week'),
          t('orders:plan.quantity'),
          t('orders:plan.hours'),
          t('orders:plan.cost'),
          t('orders:plan.status'),
        ],
        plan.allocations.map((a) => [
          a.operationIndex,
          label('ProcessType', a.process),
          names.get(a.memberId),
          fmt.week(a.weekStart),
          a.quantity,
          hours(a.hours),
          money(a.cost),
          label('PlannedAllocationStatus', a.status),
        ]),
      ),
    );
  // The planner's explanation is the server's (English), like error messages.
  for (const line of plan.explanation) lines.push(`  · ${line}`);
  if (plan.changes.length)
    lines.push(
      t('orders:plan.changes', {
        count: plan.changes.length,
        changes: plan.changes
          .map(
            (c) =>
              `${label('PlanChangeKind', c.kind)} ${t('orders:plan.op', { index: c.operationIndex })} ${c.memberId} ${fmt.week(c.weekStart)} ${c.quantityBefore}→${c.quantityAfter}`,
          )
          .join('; '),
      }),
    );
  return lines.join('\n');
}

/** Joint orders: list, create from a JSON file, plan (with a spinner), propose. */
export function registerOrders(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Query', 'jointOrders')) return;
  const { t } = cliText(env.language);
  const orders = program.command('orders').description(t('orders:description'));

  orders
    .command('list', { isDefault: true })
    .description(t('orders:list.description'))
    .option('--status <status>', t('orders:list.status', { values: ORDER_STATUSES.join(', ') }), enumOption('status', ORDER_STATUSES))
    .action(async (options: { status?: JointOrderStatus }, command: Command) => {
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { fmt, label } = context.text;
      const { jointOrders } = await context.client.request(JointOrdersDocument, { status: options.status ?? null });
      if (context.json) return printJson(jointOrders);
      if (!jointOrders.length) return print(t('orders:list.none'));
      print(
        renderTable(
          [
            t('orders:list.id'),
            t('orders:list.code'),
            t('orders:list.customer'),
            t('orders:list.product'),
            t('orders:list.quantity'),
            t('orders:list.due'),
            t('orders:list.routing'),
            t('orders:list.statusColumn'),
            t('orders:list.plan'),
          ],
          jointOrders.map((o) => [
            o.id,
            o.code,
            o.customer,
            o.product,
            o.quantity,
            fmt.date(o.dueDate),
            o.routing.map((r) => label('ProcessType', r.process)).join(' → '),
            label('JointOrderStatus', o.status),
            o.currentPlan
              ? t('orders:list.planCell', {
                  version: o.currentPlan.version,
                  cost: fmt.number(Math.round(o.currentPlan.totalCost), 0),
                  lateDays: o.currentPlan.lateDays,
                })
              : '',
          ]),
        ),
      );
    });

  orders
    .command('show')
    .description(t('orders:show.description'))
    .argument('<id>', t('orders:orderId'))
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { fmt, label } = context.text;
      const { jointOrder } = await context.client.request(JointOrderDetailDocument, { id });
      if (!jointOrder) throw new UsageError(t('orders:noOrder', { id }));
      if (context.json) printJson(jointOrder);
      else {
        print(
          t('orders:show.head', {
            code: jointOrder.code,
            id: jointOrder.id,
            status: label('JointOrderStatus', jointOrder.status),
            product: jointOrder.product,
            quantity: jointOrder.quantity,
            customer: jointOrder.customer,
            due: fmt.date(jointOrder.dueDate),
          }),
        );
        print(t('orders:show.routing', { routing: jointOrder.routing.map((r) => `${r.index} ${label('ProcessType', r.process)}`).join(' → ') }));
        print(
          jointOrder.currentPlan ? renderPlan(context.text, jointOrder.currentPlan) : t('orders:show.noPlan', { command: `clustergraph orders plan ${id}` }),
        );
      }
      if (jointOrder.currentPlan && isInfeasiblePlan(jointOrder.currentPlan)) process.exitCode = INFEASIBLE_EXIT_CODE;
    });

  if (hasApiField('Mutation', 'createJointOrder'))
    orders
      .command('create')
      .description(t('orders:create.description'))
      .requiredOption('--file <path>', t('orders:create.file'))
      .action(async (options: { file: string }, command: Command) => {
        let input: CreateJointOrderInput;
        const path = resolveUserPath(env, options.file);
        try {
          input = JSON.parse(readFileSync(path, 'utf8')) as CreateJointOrderInput;
        } catch (error) {
          throw new UsageError(t('orders:create.cannotRead', { path, message: (error as Error).message }));
        }
        const context = commandContext(command, env, 'JOINT_PLANNING');
        const { createJointOrder } = await context.client.request(CreateJointOrderDocument, { input });
        if (context.json) printJson(createJointOrder);
        else
          print(
            t('orders:create.created', {
              code: createJointOrder.code,
              id: createJointOrder.id,
              status: context.text.label('JointOrderStatus', createJointOrder.status),
            }),
          );
      });

  if (hasApiField('Mutation', 'planJointOrder'))
    orders
      .command('plan')
      .description(t('orders:planCommand.description'))
      .argument('<id>', t('orders:orderId'))
      .option('--time-limit <seconds>', t('orders:planCommand.timeLimit'), nonNegativeNumber('time limit'))
      .action(async (id: string, options: { timeLimit?: number }, command: Command) => {
        const context = commandContext(command, env, 'JOINT_PLANNING');
        const spinner = context.json || !process.stderr.isTTY ? null : ora({ text: t('orders:planCommand.planning', { id }), stream: process.stderr }).start();
        try {
          const { planJointOrder } = await context.client.request(PlanJointOrderDocument, {
            id,
            options: options.timeLimit ? { timeLimitSeconds: options.timeLimit } : null,
          });
          const infeasible = isInfeasiblePlan(planJointOrder);
          if (infeasible)
            spinner?.warn(t('orders:planCommand.infeasible', { id, version: planJointOrder.version, status: context.text.label('PlanStatus', 'INFEASIBLE') }));
          else spinner?.succeed(t('orders:planCommand.planned', { id, version: planJointOrder.version, solverStatus: planJointOrder.solverStatus }));
          if (context.json) printJson(planJointOrder);
          else print(renderPlan(context.text, planJointOrder));
          // Scripts must not go on to propose it: a plan was made, but not one that can be used.
          if (infeasible) process.exitCode = INFEASIBLE_EXIT_CODE;
        } catch (error) {
          spinner?.fail(t('orders:planCommand.failed', { id }));
          throw error;
        }
      });

  if (hasApiField('Mutation', 'proposePlan'))
    orders
      .command('propose')
      .description(t('orders:propose.description'))
      .argument('<id>', t('orders:propose.id'))
      .option('--plan', t('orders:propose.plan'))
      .action(async (id: string, options: { plan?: boolean }, command: Command) => {
        const context = commandContext(command, env, 'JOINT_PLANNING');
        let planId = id;
        if (!options.plan) {
          const { jointOrder } = await context.client.request(JointOrderDetailDocument, { id });
          if (!jointOrder) throw new UsageError(t('orders:noOrder', { id }));
          if (!jointOrder.currentPlan) throw new UsageError(t('orders:propose.noPlan', { id, command: `clustergraph orders plan ${id}` }));
          planId = jointOrder.currentPlan.id;
          if (isInfeasiblePlan(jointOrder.currentPlan)) {
            // proposePlan would refuse it (CONFLICT); say why instead, and what can be done.
            const message = t('orders:propose.infeasible', {
              id,
              version: jointOrder.currentPlan.version,
              status: context.text.label('PlanStatus', 'INFEASIBLE'),
            });
            process.stderr.write(`${t('common:error', { message })}\n`);
            print(renderInfeasible(context.text, jointOrder.violations, jointOrder.suggestions));
            process.exitCode = INFEASIBLE_EXIT_CODE;
            return;
          }
        }
        const { proposePlan } = await context.client.request(ProposePlanDocument, { planId });
        if (context.json) printJson(proposePlan);
        else
          print(
            `${t('orders:propose.proposed', { id: proposePlan.id, version: proposePlan.version, count: proposePlan.allocations.length })}\n${renderPlan(context.text, proposePlan)}`,
          );
      });
}
