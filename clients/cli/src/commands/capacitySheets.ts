import type { Command } from 'commander';
import { ImportCapacityDocument, SheetCapacityDocument, addWeeks, mondayOf, parseWeek, weeksFrom, type CapacityInput } from '@clustergraph/sdk';
import { capacityExportRows, capacityTemplateRows, firmProcesses } from '@clustergraph/spreadsheets';
import type { CliEnvironment } from '../config.ts';
import { UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson } from '../output.ts';
import { errorsOrEmpty } from './members.ts';
import { registerSheetImport, sheetContext, writeSheetFile, type ExportOptions } from './sheets.ts';

/** `capacity import` and `capacity export`: the firm's calendar as XLSX or CSV (the parent's --from and --weeks pick the weeks). */
export function registerCapacitySheets(capacity: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  registerSheetImport(
    capacity,
    'capacity',
    env,
    { description: t('spreadsheets:importDescription'), file: t('spreadsheets:capacityFile') },
    async (context, memberId, input, dryRun) => {
      const { importCapacity } = await context.client.request(ImportCapacityDocument, { memberId, input: input as CapacityInput[], dryRun });
      return importCapacity;
    },
  );

  capacity
    .command('export')
    .description(t('spreadsheets:exportDescription'))
    .requiredOption('--file <path>', t('spreadsheets:exportFile'))
    .option('--template', t('spreadsheets:capacityTemplate'))
    .option('--member <id>', t('spreadsheets:member'))
    .action(async (options: ExportOptions, command: Command) => {
      const { from: fromOption, weeks: weekCount } = command.optsWithGlobals<{ from?: string; weeks: number }>();
      let from: string;
      try {
        from = fromOption ? parseWeek(fromOption) : mondayOf();
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const { context, memberId, path } = sheetContext(command, env, options);
      const { data, errors } = await context.client.execute(SheetCapacityDocument, { id: memberId, from, to: addWeeks(from, weekCount - 1) });
      // A file with holes would read as a calendar without those weeks: nothing is written unless all arrived.
      if (!data?.member?.capacity || errors.length) throw errorsOrEmpty(errors);
      const { capacity: buckets, capabilities, lines } = data.member;
      const processes = firmProcesses(capabilities ?? [], lines ?? []);
      const rows = options.template ? capacityTemplateRows(processes, weeksFrom(from, weekCount), buckets) : capacityExportRows(buckets);
      await writeSheetFile(env, 'capacity', rows, path, { processes });
      if (context.json) printJson({ file: path, rows: rows.length, from, weeks: weekCount });
      else print(t('spreadsheets:wroteWeeks', { rows: rows.length, weeks: weekCount, from, path }));
    });
}
