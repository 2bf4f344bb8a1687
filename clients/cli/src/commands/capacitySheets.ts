import type { Command } from 'commander';
import { ImportCapacityDocument, SheetCapacityDocument, addWeeks, mondayOf, parseWeek, weeksFrom, type CapacityInput } from '@clustergraph/sdk';
import { capacityExportRows, capacityTemplateRows, firmProcesses } from '@clustergraph/spreadsheets';
import type { CliEnvironment } from '../config.ts';
import { UsageError } from '../context.ts';
import { print, printJson } from '../output.ts';
import { errorsOrEmpty } from './members.ts';
import { runImport, sheetContext, sheetLanguage, writeSheetFile, type ExportOptions, type ImportOptions } from './sheets.ts';

/** `capacity import` and `capacity export`: the firm's calendar as XLSX or CSV (the parent's --from and --weeks pick the weeks). */
export function registerCapacitySheets(capacity: Command, env: CliEnvironment): void {
  capacity
    .command('import')
    .description("import the firm's capacity calendar from .xlsx or .csv: every row checked by the member first, then all rows or none")
    .requiredOption('--file <path>', 'the spreadsheet (columns Process, Week (Monday), Actual hours, Maximum hours, Price per hour; Korean headers too)')
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .action((options: ImportOptions, command: Command) =>
      runImport('capacity', options, command, env, async (context, memberId, input, dryRun) => {
        const { importCapacity } = await context.client.request(ImportCapacityDocument, { memberId, input: input as CapacityInput[], dryRun });
        return importCapacity;
      }),
    );

  capacity
    .command('export')
    .description("write the firm's capacity calendar to .xlsx or .csv (weeks from the parent's --from and --weeks)")
    .requiredOption('--file <path>', 'where to write (.xlsx or .csv; an existing file is replaced)')
    .option('--template', 'every process the firm runs × every week, blank where nothing is on file: a template to fill in')
    .option('--member <id>', 'the member (default: the signed-in firm)')
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
      const { capacity, capabilities, lines } = data.member;
      const processes = firmProcesses(capabilities ?? [], lines ?? []);
      const rows = options.template ? capacityTemplateRows(processes, weeksFrom(from, weekCount), capacity) : capacityExportRows(capacity);
      await writeSheetFile('capacity', rows, path, { language: sheetLanguage(env), processes });
      if (context.json) printJson({ file: path, rows: rows.length, from, weeks: weekCount });
      else print(`Wrote ${rows.length} rows (${weekCount} week${weekCount === 1 ? '' : 's'} from ${from}) to ${path}.`);
    });
}
