import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  allProblems,
  fileErrorText,
  formatOfFileName,
  importInput,
  isSpreadsheetError,
  readSheet,
  rowProblemText,
  writeSheet,
  type MemberImportReport,
  type ParsedSheet,
  type RowProblem,
  type SheetFormat,
  type SheetKind,
  type SheetRowDraft,
  type WriteSheetOptions,
} from '@clustergraph/spreadsheets';
import { resolveUserPath, type CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError, type CommandContext } from '../context.ts';
import { cliText, type CliText } from '../i18n/index.ts';
import { print, printJson, renderTable } from '../output.ts';

/** Spreadsheets in and out (issue 19): what `capacity import|export` and `production import|export` share. */

export interface SheetFileOptions {
  file: string;
  member?: string;
}

export interface ImportOptions extends SheetFileOptions {
  dryRun?: boolean;
}

export interface ExportOptions extends SheetFileOptions {
  template?: boolean;
}

function formatOf(text: CliText, path: string): SheetFormat {
  const format = formatOfFileName(path);
  if (!format) throw new UsageError(text.t('spreadsheets:notSheetFile', { path }));
  return format;
}

/** A file refused as a whole: said on stderr with the file's name, exit 1. */
class SheetRefused extends Error {}

async function readSheetFile<K extends SheetKind>(text: CliText, kind: K, path: string): Promise<ParsedSheet<K>> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(text.t('spreadsheets:cannotRead', { path, message: (error as Error).message }));
  }
  try {
    return await readSheet(kind, bytes);
  } catch (error) {
    if (isSpreadsheetError(error)) throw new SheetRefused(text.t('spreadsheets:refused', { path, message: fileErrorText(text.t, error, text.language) }));
    throw error;
  }
}

function problemTable(text: CliText, problems: readonly RowProblem[]): string {
  const { t } = text;
  return renderTable(
    [t('spreadsheets:row'), t('spreadsheets:column'), t('spreadsheets:problem')],
    problems.map((p) => [p.row ?? '', p.column ? `${p.column}${p.header ? ` (${p.header})` : ''}` : '', rowProblemText(t, p)]),
  );
}

export interface ImportCall {
  (context: CommandContext, memberId: string, input: unknown[], dryRun: boolean): Promise<MemberImportReport>;
}

/** `<parent> import --file … [--dry-run] [--member …]`: the same for capacity and production. */
export function registerSheetImport(
  parent: Command,
  kind: SheetKind,
  env: CliEnvironment,
  words: { description: string; file: string },
  importRows: ImportCall,
): void {
  const { t } = cliText(env.language);
  parent
    .command('import')
    .description(words.description)
    .requiredOption('--file <path>', words.file)
    .option('--dry-run', t('spreadsheets:dryRun'))
    .option('--member <id>', t('spreadsheets:member'))
    .action((options: ImportOptions, command: Command) => runImport(kind, options, command, env, importRows));
}

/**
 * Reads the file, asks the member for a dry run of the rows that read cleanly (so that one run
 * shows every problem, the file's and the member's), and imports only when no row has any.
 */
async function runImport<K extends SheetKind>(kind: K, options: ImportOptions, command: Command, env: CliEnvironment, importRows: ImportCall): Promise<void> {
  const text = cliText(env.language);
  const { t } = text;
  const path = resolveUserPath(env, options.file);
  formatOf(text, path);
  let parsed: ParsedSheet<K>;
  try {
    parsed = await readSheetFile(text, kind, path);
  } catch (error) {
    if (!(error instanceof SheetRefused)) throw error;
    process.stderr.write(`${t('common:error', { message: error.message })}\n`);
    process.exitCode = 1;
    return;
  }
  const context = commandContext(command, env, 'JOINT_PLANNING');
  const memberId = actingMemberId(context, options.member);
  const input = importInput(parsed);
  const check = input.length ? await importRows(context, memberId, input, true) : null;
  const problems = allProblems(parsed, check);
  const dryRun = Boolean(options.dryRun);
  const summary = { file: path, format: parsed.format, memberId, rows: input.length, skipped: parsed.skipped, problems, dryRun, written: 0 };
  const skipped = parsed.skipped ? t('spreadsheets:skipped', { skipped: parsed.skipped }) : '';

  if (problems.length || input.length === 0) {
    if (context.json) printJson(summary);
    else if (problems.length) {
      print(problemTable(text, problems));
      print(t('spreadsheets:problems', { count: problems.length, path }));
    } else print(t('spreadsheets:noRows', { path, skipped: parsed.skipped }));
    process.exitCode = 1;
    return;
  }
  if (dryRun) {
    if (context.json) printJson(summary);
    else print(t('spreadsheets:allPass', { rows: input.length, memberId, skipped }));
    return;
  }
  const written = await importRows(context, memberId, input, false);
  if (context.json) printJson({ ...summary, written: written.written });
  else print(t(kind === 'capacity' ? 'spreadsheets:importedCapacity' : 'spreadsheets:importedProduction', { written: written.written, memberId, skipped }));
}

/** Writes rows to the file in the format its name asks for, headers in the CLI's language. */
export async function writeSheetFile<K extends SheetKind>(
  env: CliEnvironment,
  kind: K,
  rows: ReadonlyArray<SheetRowDraft<K>>,
  path: string,
  options: Omit<WriteSheetOptions, 'format' | 'language'> = {},
): Promise<void> {
  const text = cliText(env.language);
  const format = formatOf(text, path);
  const bytes = await writeSheet(kind, rows, { ...options, format, language: env.language });
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new UsageError(text.t('spreadsheets:cannotWrite', { path, message: (error as Error).message }));
  }
}

/** The member an export or import is for, and the context to ask with. */
export function sheetContext(command: Command, env: CliEnvironment, options: SheetFileOptions): { context: CommandContext; memberId: string; path: string } {
  const path = resolveUserPath(env, options.file);
  formatOf(cliText(env.language), path);
  const context = commandContext(command, env, 'JOINT_PLANNING');
  return { context, memberId: actingMemberId(context, options.member), path };
}
