import type { Command } from 'commander';
import {
  LineStatusChangedDocument,
  describeGraphQLError,
  describeWithheld,
  hasApiField,
  type LineState,
  type LineStatusChangedSubscription,
  type WithheldMember,
} from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { print } from '../output.ts';
import { collect, enumOption, LINE_STATES } from './options.ts';

type LineEvent = LineStatusChangedSubscription['lineStatusChanged'];

/** A change of state (the first event of a line counts: its state was not known); otherwise a progress report. */
export function isStateChange(event: Pick<LineEvent, 'state' | 'previousState'>): boolean {
  return event.previousState !== event.state;
}

/**
 * One line per event: a state change as `PREVIOUS → STATE  reason`, a progress report within
 * the same state (counters) as `STATE  · +good good, +scrap scrap, cycle s` — never `RUNNING → RUNNING`.
 */
export function formatLineEvent(e: LineEvent): string {
  const head = `${e.at}  ${e.memberId.padEnd(10)} ${e.lineId.padEnd(16)}`;
  if (isStateChange(e)) return `${head} ${(e.previousState ?? '—').padEnd(11)} → ${e.state.padEnd(11)} ${e.reasonCode ?? ''}  #${e.seq}`;
  const counters = [
    e.goodCount != null ? `+${e.goodCount} good` : null,
    e.scrapCount != null ? `+${e.scrapCount} scrap` : null,
    e.cycleTimeSeconds != null ? `cycle ${e.cycleTimeSeconds} s` : null,
  ].filter(Boolean);
  return `${head} ${e.state.padEnd(11)}   · ${counters.length ? counters.join(', ') : 'update'}${e.reasonCode ? `  ${e.reasonCode}` : ''}  #${e.seq}`;
}

/** The stderr line for a new withheld list (said once per change, not per event or reconnect). */
export function formatWithheld(members: readonly WithheldMember[]): string {
  if (members.length === 0) return '[every member now shares its line status with you]';
  return `[withheld by ${members.map((m) => describeWithheld(m)).join(', ')}: their sharing policies do not grant it to you; events from the other members follow]`;
}

/** `watch lines`: line events live through the gateway subscription, resuming after reconnects, until Ctrl-C. */
export function registerWatch(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Subscription', 'lineStatusChanged')) return;
  const watch = program.command('watch').description('follow live data until Ctrl-C');
  watch
    .command('lines')
    .description('line events as they happen: state changes (A → B) and progress reports within a state (· counters); JSON lines with --json')
    .option('--member <ids>', 'only these members (repeat or comma-separate)', collect)
    .option('--state <state>', `only events into this state (${LINE_STATES.join(', ')})`, (v: string, prev: LineState[] = []) => [
      ...prev,
      enumOption('state', LINE_STATES)(v),
    ])
    .option('--changes', 'only state changes, no progress reports')
    .option('--count <n>', 'stop after n printed events (for scripts)', (v: string) => Number(v))
    .action(async (options: { member?: string[]; state?: LineState[]; changes?: boolean; count?: number }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      let seen = 0;
      let withheldSaid = '';
      await new Promise<void>((done, fail) => {
        const stop = context.client.subscribe(
          LineStatusChangedDocument,
          { memberIds: options.member ?? null, states: options.state ?? null, resumeFrom: null },
          {
            next(data) {
              // Frames already on their way when --count was reached are not printed.
              if (options.count && seen >= options.count) return;
              const e = data.lineStatusChanged;
              const change = isStateChange(e);
              if (options.changes && !change) return;
              if (context.json) process.stdout.write(`${JSON.stringify({ ...e, stateChanged: change })}\n`);
              else print(formatLineEvent(e));
              seen += 1;
              if (options.count && seen >= options.count) finish();
            },
            // Withheld by policy is normal output, named once on stderr (again only when a grant or revocation changes it).
            withheld(members) {
              const key = members.map((m) => `${m.memberId}|${m.category}|${m.purpose}`).join(',');
              if (key === withheldSaid) return;
              withheldSaid = key;
              process.stderr.write(`${formatWithheld(members)}\n`);
            },
            errors(errors) {
              for (const error of errors) process.stderr.write(`[warning: ${describeGraphQLError(error, (id) => id)}]\n`);
            },
            error: (error) => {
              stop();
              void context.client.dispose().finally(() => fail(error));
            },
            state: (state, detail) => {
              if (!context.json) process.stderr.write(`[${state}${detail ? `: ${detail}` : ''}]\n`);
            },
          },
          { resume: { cursorOf: (data) => ({ memberId: data.lineStatusChanged.memberId, seq: data.lineStatusChanged.seq }) } },
        );
        const finish = () => {
          stop();
          void context.client.dispose().finally(done);
        };
        process.once('SIGINT', finish);
        process.once('SIGTERM', finish);
      });
    });
}
