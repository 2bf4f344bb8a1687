import type { Command } from 'commander';
import { LineStatusChangedDocument, hasApiField, type LineState, type LineStatusChangedSubscription, type WithheldMember } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { describeApiError, describeWithheldMember } from '@clustergraph/i18n';
import { commandContext } from '../context.ts';
import { cliText, type CliText } from '../i18n/index.ts';
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
export function formatLineEvent(e: LineEvent, { t, label }: CliText = cliText('en')): string {
  const head = `${e.at}  ${e.memberId.padEnd(10)} ${e.lineId.padEnd(16)}`;
  const state = (value: string) => label('LineState', value).padEnd(11);
  if (isStateChange(e)) return `${head} ${e.previousState ? state(e.previousState) : '—'.padEnd(11)} → ${state(e.state)} ${e.reasonCode ?? ''}  #${e.seq}`;
  const counters = [
    e.goodCount != null ? t('watch:good', { count: e.goodCount }) : null,
    e.scrapCount != null ? t('watch:scrap', { count: e.scrapCount }) : null,
    e.cycleTimeSeconds != null ? t('watch:cycle', { seconds: e.cycleTimeSeconds }) : null,
  ].filter(Boolean);
  return `${head} ${state(e.state)}   · ${counters.length ? counters.join(', ') : t('watch:update')}${e.reasonCode ? `  ${e.reasonCode}` : ''}  #${e.seq}`;
}

/** The stderr line for a new withheld list (said once per change, not per event or reconnect). */
export function formatWithheld(members: readonly WithheldMember[], { t }: CliText = cliText('en')): string {
  if (members.length === 0) return `[${t('watch:allShare')}]`;
  return `[${t('watch:withheld', { members: members.map((m) => describeWithheldMember(t, m)).join(', ') })}]`;
}

/** `watch lines`: line events live through the gateway subscription, resuming after reconnects, until Ctrl-C. */
export function registerWatch(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Subscription', 'lineStatusChanged')) return;
  const { t } = cliText(env.language);
  const watch = program.command('watch').description(t('watch:description'));
  watch
    .command('lines')
    .description(t('watch:lines.description'))
    .option('--member <ids>', t('common:options.members'), collect)
    .option('--state <state>', t('watch:lines.state', { values: LINE_STATES.join(', ') }), (v: string, prev: LineState[] = []) => [
      ...prev,
      enumOption('state', LINE_STATES)(v),
    ])
    .option('--changes', t('watch:lines.changes'))
    .option('--count <n>', t('watch:lines.count'), (v: string) => Number(v))
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
              else print(formatLineEvent(e, context.text));
              seen += 1;
              if (options.count && seen >= options.count) finish();
            },
            // Withheld by policy is normal output, named once on stderr (again only when a grant or revocation changes it).
            withheld(members) {
              const key = members.map((m) => `${m.memberId}|${m.category}|${m.purpose}`).join(',');
              if (key === withheldSaid) return;
              withheldSaid = key;
              process.stderr.write(`${formatWithheld(members, context.text)}\n`);
            },
            errors(errors) {
              for (const error of errors) process.stderr.write(`[${t('common:warning', { message: describeApiError(t, error) })}]\n`);
            },
            error: (error) => {
              stop();
              void context.client.dispose().finally(() => fail(error));
            },
            state: (state, detail) => {
              if (!context.json) process.stderr.write(`[${t('watch:state', { state })}${detail ? `: ${detail}` : ''}]\n`);
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
