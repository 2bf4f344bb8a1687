import type { Command } from 'commander';
import { ImportProductionDocument, SheetProductionDocument, addDays, type ProductionRecordInput } from '@clustergraph/sdk';
import { productionExportRows, productionTemplateRows } from '@clustergraph/spreadsheets';
import type { CliEnvironment } from '../config.ts';
import { UsageError } from '../context.ts';
import { print, printJson } from '../output.ts';
import { positiveInt } from './options.ts';
import { errorsOrEmpty } from './members.ts';
import { runImport, sheetContext, sheetLanguage, writeSheetFile, type ExportOptions, type ImportOptions } from './sheets.ts';

interface ProductionExportOptions extends ExportOptions {
  from?: string;
  days: number;
}

/** `production import|export`: the firm's production records (line × shift) as XLSX or CSV. */
export function registerProduction(program: Command, env: CliEnvironment): void {
  const production = program.command('production').description("the firm's production records (one row per line and shift) in and out of spreadsheets");

  production
    .command('import')
    .description('import production records from .xlsx or .csv: every row checked by the member first, then all rows or none')
    .requiredOption(
      '--file <path>',
      'the spreadsheet (columns Line, Shift start (KST), Good quantity, Scrap quantity, Run minutes, Down minutes, Energy (kWh))',
    )
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .action((options: ImportOptions, command: Command) =>
      runImport('production', options, command, env, async (context, memberId, input, dryRun) => {
        const { importProduction } = await context.client.request(ImportProductionDocument, { memberId, input: input as ProductionRecordInput[], dryRun });
        return importProduction;
      }),
    );

  production
    .command('export')
    .description('write production records to .xlsx or .csv')
    .requiredOption('--file <path>', 'where to write (.xlsx or .csv; an existing file is replaced)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: --days before today)')
    .option('--days <n>', 'number of days', positiveInt('--days'), 7)
    .option('--template', 'the records on file, or one row per line to fill in when there are none')
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .action(async (options: ProductionExportOptions, command: Command) => {
      const today = new Date().toISOString().slice(0, 10);
      if (options.from && !/^\d{4}-\d{2}-\d{2}$/.test(options.from)) throw new UsageError(`--from must be a date YYYY-MM-DD (got ${options.from})`);
      const from = options.from ?? addDays(today, 1 - options.days);
      const to = addDays(from, options.days - 1);
      const { context, memberId, path } = sheetContext(command, env, options);
      const { data, errors } = await context.client.execute(SheetProductionDocument, { id: memberId, from, to });
      if (!data?.member?.production || errors.length) throw errorsOrEmpty(errors);
      const { production: records, lines } = data.member;
      const rows = options.template
        ? productionTemplateRows(
            (lines ?? []).map((l) => l.id),
            records,
          )
        : productionExportRows(records);
      await writeSheetFile('production', rows, path, { language: sheetLanguage(env) });
      if (context.json) printJson({ file: path, rows: rows.length, from, to });
      else print(`Wrote ${rows.length} rows (${from} … ${to}) to ${path}.`);
    });
}
