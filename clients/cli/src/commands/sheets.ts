import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  allProblems,
  formatOfFileName,
  importInput,
  isSpreadsheetError,
  readSheet,
  writeSheet,
  type MemberImportReport,
  type ParsedSheet,
  type RowProblem,
  type SheetFormat,
  type SheetKind,
  type SheetLanguage,
  type SheetRowDraft,
  type WriteSheetOptions,
} from '@clustergraph/spreadsheets';
import { resolveUserPath, type CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError, type CommandContext } from '../context.ts';
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

/** The language of a written sheet's headers (the import reads both). */
export function sheetLanguage(_env: CliEnvironment): SheetLanguage {
  return 'en';
}

function formatOf(path: string): SheetFormat {
  const format = formatOfFileName(path);
  if (!format) throw new UsageError(`--file must name a .xlsx or .csv file (got ${path})`);
  return format;
}

/** A sheet the file refuses as a whole: said on stderr with the file's name, exit 1. */
class SheetRefused extends Error {}

async function readSheetFile<K extends SheetKind>(kind: K, path: string): Promise<ParsedSheet<K>> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return await readSheet(kind, bytes);
  } catch (error) {
    if (isSpreadsheetError(error)) throw new SheetRefused(`${path}: ${error.message}. Nothing was written.`);
    throw error;
  }
}

function problemTable(problems: readonly RowProblem[]): string {
  return renderTable(
    ['Row', 'Column', 'Problem'],
    problems.map((p) => [p.row ?? '', p.column ? `${p.column}${p.header ? ` (${p.header})` : ''}` : '', p.message]),
  );
}

export interface ImportCall {
  (context: CommandContext, memberId: string, input: unknown[], dryRun: boolean): Promise<MemberImportReport>;
}

/**
 * Reads the file, asks the member for a dry run of the rows that read cleanly (so that one run
 * shows every problem, the file's and the member's), and imports only when no row has any.
 */
export async function runImport<K extends SheetKind>(
  kind: K,
  options: ImportOptions,
  command: Command,
  env: CliEnvironment,
  importRows: ImportCall,
): Promise<void> {
  const path = resolveUserPath(env, options.file);
  formatOf(path);
  let parsed: ParsedSheet<K>;
  try {
    parsed = await readSheetFile(kind, path);
  } catch (error) {
    if (!(error instanceof SheetRefused)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
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

  if (problems.length || input.length === 0) {
    if (context.json) printJson(summary);
    else if (problems.length) {
      print(problemTable(problems));
      print(
        `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path}. Nothing was written: fix ${problems.length === 1 ? 'it' : 'them'} and import again.`,
      );
    } else print(`${path} has no row to import (${parsed.skipped} rows set nothing). Nothing was written.`);
    process.exitCode = 1;
    return;
  }
  if (dryRun) {
    if (context.json) printJson(summary);
    else print(`${input.length} rows checked by ${memberId}: all pass${skippedNote(parsed.skipped)}. Nothing was written (dry run).`);
    return;
  }
  const written = await importRows(context, memberId, input, false);
  if (context.json) printJson({ ...summary, written: written.written });
  else
    print(
      `Imported ${written.written} rows into ${memberId}'s ${kind === 'capacity' ? 'capacity calendar' : 'production records'}${skippedNote(parsed.skipped)}.`,
    );
}

const skippedNote = (skipped: number) => (skipped ? ` (${skipped} row${skipped === 1 ? '' : 's'} without values skipped)` : '');

/** Writes rows to the file in the format its name asks for. */
export async function writeSheetFile<K extends SheetKind>(
  kind: K,
  rows: ReadonlyArray<SheetRowDraft<K>>,
  path: string,
  options: Omit<WriteSheetOptions, 'format'>,
): Promise<void> {
  const format = formatOf(path);
  const bytes = await writeSheet(kind, rows, { ...options, format });
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** The member an export or import is for, and the context to ask with. */
export function sheetContext(command: Command, env: CliEnvironment, options: SheetFileOptions): { context: CommandContext; memberId: string; path: string } {
  const path = resolveUserPath(env, options.file);
  formatOf(path);
  const context = commandContext(command, env, 'JOINT_PLANNING');
  return { context, memberId: actingMemberId(context, options.member), path };
}
