#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ClusterGraphError } from '@clustergraph/sdk';
import { describeApiError } from '@clustergraph/i18n';
import { readEnvironment } from './config.ts';
import { UsageError } from './context.ts';
import { createProgram } from './program.ts';
import { cliText, languageFromArgv } from './i18n/index.ts';

/** Exit codes: 0 ok (data a firm withholds by policy is named on stderr), 1 API or network error, 2 wrong usage, 3 partial answer (a member did not answer; with --strict also withheld data), 4 an order's plan is INFEASIBLE (made, never proposable). */
async function main(argv: string[]): Promise<void> {
  const environment = readEnvironment();
  // --lang wins over the locale; it must be known before the program (and its help) is built.
  const env = { ...environment, language: languageFromArgv(argv.slice(2)) ?? environment.language };
  const { t } = cliText(env.language);
  const program = createProgram(env);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message (and help); --help/--version exit 0
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${t('common:error', { message: error.message })}\n`);
      process.exitCode = 2;
      return;
    }
    // API errors keep their English message; Korean says first what kind of error it is (by code).
    const message =
      error instanceof ClusterGraphError && error.errors.length > 0
        ? error.errors.map((e) => describeApiError(t, e)).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`${t('common:error', { message })}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
