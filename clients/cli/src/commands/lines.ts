import type { Command } from 'commander';
import { LinesDocument, type LineState } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { print, printJson, printPurpose, renderTable, reportPartialErrors, since } from '../output.ts';
import { collect, enumOption, LINE_STATES } from './options.ts';
import { errorsOrEmpty } from './members.ts';

export function registerLines(program: Command, env: CliEnvironment): void {
  program
    .command('lines')
    .description('production lines of every visible member, with their current state')
    .option('--state <state>', `only lines in this state (${LINE_STATES.join(', ')})`, enumOption('state', LINE_STATES))
    .option('--member <ids>', 'only these members (repeat or comma-separate)', collect)
    .action(async (options: { state?: LineState; member?: string[] }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      const { data, errors } = await context.client.execute(LinesDocument, { state: options.state ?? null, memberIds: options.member ?? null });
      if (!data) throw errorsOrEmpty(errors);
      const names = new Map(data.lines.map((l) => [l.memberId, l.member.name]));
      if (context.json) printJson(data.lines);
      else if (!data.lines.length) print(options.state ? `No lines are ${options.state}.` : 'No lines.');
      else
        print(
          renderTable(
            ['Member', 'Line', 'Name', 'Processes', 'State', 'Since', 'Reason'],
            data.lines.map((l) => [
              l.member.name,
              l.id,
              l.name,
              l.processes.join(', '),
              l.status?.state ?? 'withheld',
              l.status ? since(l.status.since) : '',
              l.status?.reasonCode,
            ]),
          ),
        );
      if (!context.json) printPurpose(context.purpose);
      reportPartialErrors(errors, (id) => names.get(id) ?? id, data, context.strict);
    });
}
