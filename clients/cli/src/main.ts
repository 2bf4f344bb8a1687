#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ClusterGraphError } from '@clustergraph/sdk';
import { readEnvironment } from './config.ts';
import { UsageError } from './context.ts';
import { createProgram } from './program.ts';

/** Exit codes: 0 ok (data a firm withholds by policy is named on stderr), 1 API or network error, 2 wrong usage, 3 partial answer (a member did not answer; with --strict also withheld data), 4 an order's plan is INFEASIBLE (made, never proposable). */
async function main(argv: string[]): Promise<void> {
  const program = createProgram(readEnvironment());
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message (and help); --help/--version exit 0
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof ClusterGraphError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
