import type { Command } from 'commander';
import { LinesDocument, type LineState } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson, printPurpose, renderTable, reportPartialErrors, since } from '../output.ts';
import { collect, enumOption, LINE_STATES } from './options.ts';
import { errorsOrEmpty } from './members.ts';

export function registerLines(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  program
    .command('lines')
    .description(t('lines:description'))
    .option('--state <state>', t('lines:state', { values: LINE_STATES.join(', ') }), enumOption('state', LINE_STATES))
    .option('--member <ids>', t('common:options.members'), collect)
    .action(async (options: { state?: LineState; member?: string[] }, command: Command) => {
      const context = commandContext(command, env, 'MONITORING');
      const { label } = context.text;
      const { data, errors } = await context.client.execute(LinesDocument, { state: options.state ?? null, memberIds: options.member ?? null });
      if (!data) throw errorsOrEmpty(errors);
      const names = new Map(data.lines.map((l) => [l.memberId, context.text.firmName(l.member)]));
      if (context.json) printJson(data.lines);
      else if (!data.lines.length) print(options.state ? t('lines:noneInState', { state: label('LineState', options.state) }) : t('lines:none'));
      else
        print(
          renderTable(
            [t('lines:member'), t('lines:line'), t('lines:name'), t('lines:processes'), t('lines:stateColumn'), t('lines:since'), t('lines:reason')],
            data.lines.map((l) => [
              names.get(l.memberId),
              l.id,
              l.name,
              l.processes.map((p) => label('ProcessType', p)).join(', '),
              l.status ? label('LineState', l.status.state) : t('lines:withheld'),
              l.status ? since(context.text, l.status.since) : '',
              l.status?.reasonCode,
            ]),
          ),
        );
      if (!context.json) printPurpose(context.text, context.purpose);
      reportPartialErrors(context.text, errors, (id) => names.get(id) ?? id, data, context.strict);
    });
}
