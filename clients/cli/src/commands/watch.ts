import type { Command } from 'commander';
import { LineStatusChangedDocument, hasApiField, type LineState } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { print } from '../output.ts';
import { collect, enumOption, LINE_STATES } from './options.ts';

/** `watch lines`: line events live through the gateway subscription, resuming after reconnects, until Ctrl-C. */
export function registerWatch(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Subscription', 'lineStatusChanged')) return;
  const watch = program.command('watch').description('follow live data until Ctrl-C');
  watch
    .command('lines')
    .description('line state changes as they happen (JSON lines with --json)')
    .option('--member <ids>', 'only these members (repeat or comma-separate)', collect)
    .option('--state <state>', `only events into this state (${LINE_STATES.join(', ')})`, (v: string, prev: LineState[] = []) => [...prev, enumOption('state', LINE_STATES)(v)])
    .option('--count <n>', 'stop after n events (for scripts)', (v: string) => Number(v))
    .action(async (options: { member?: string[]; state?: LineState[]; count?: number }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      let seen = 0;
      await new Promise<void>((done, fail) => {
        const stop = context.client.subscribe(
          LineStatusChangedDocument,
          { memberIds: options.member ?? null, states: options.state ?? null, resumeFrom: null },
          {
            next(data) {
              const e = data.lineStatusChanged;
              if (context.json) process.stdout.write(`${JSON.stringify(e)}\n`);
              else print(`${e.at}  ${e.memberId.padEnd(10)} ${e.lineId.padEnd(16)} ${(e.previousState ?? '—').padEnd(11)} → ${e.state.padEnd(11)} ${e.reasonCode ?? ''}  #${e.seq}`);
              seen += 1;
              if (options.count && seen >= options.count) finish();
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
