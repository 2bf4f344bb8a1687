import type { Command } from 'commander';
import { ImportProductionDocument, SheetProductionDocument, addDays, type ProductionRecordInput } from '@clustergraph/sdk';
import { productionExportRows, productionTemplateRows } from '@clustergraph/spreadsheets';
import type { CliEnvironment } from '../config.ts';
import { UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson } from '../output.ts';
import { positiveInt } from './options.ts';
import { errorsOrEmpty } from './members.ts';
import { registerSheetImport, sheetContext, writeSheetFile, type ExportOptions } from './sheets.ts';

interface ProductionExportOptions extends ExportOptions {
  from?: string;
  days: number;
}

/** `production import|export`: the firm's production records (line × shift) as XLSX or CSV. */
export function registerProduction(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  const production = program.command('production').description(t('spreadsheets:productionDescription'));

  registerSheetImport(
    production,
    'production',
    env,
    { description: t('spreadsheets:importProductionDescription'), file: t('spreadsheets:productionFile') },
    async (context, memberId, input, dryRun) => {
      const { importProduction } = await context.client.request(ImportProductionDocument, { memberId, input: input as ProductionRecordInput[], dryRun });
      return importProduction;
    },
  );

  production
    .command('export')
    .description(t('spreadsheets:exportProductionDescription'))
    .requiredOption('--file <path>', t('spreadsheets:exportFile'))
    .option('--from <date>', t('spreadsheets:from'))
    .option('--days <n>', t('spreadsheets:days'), positiveInt('--days'), 7)
    .option('--template', t('spreadsheets:productionTemplate'))
    .option('--member <id>', t('spreadsheets:member'))
    .action(async (options: ProductionExportOptions, command: Command) => {
      const today = new Date().toISOString().slice(0, 10);
      if (options.from && !/^\d{4}-\d{2}-\d{2}$/.test(options.from)) throw new UsageError(t('spreadsheets:fromNotDate', { value: options.from }));
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
      await writeSheetFile(env, 'production', rows, path);
      if (context.json) printJson({ file: path, rows: rows.length, from, to });
      else print(t('spreadsheets:wroteDays', { rows: rows.length, from, to, path }));
    });
}
