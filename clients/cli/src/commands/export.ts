import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ExportMemberDataDocument, hasApiField } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext } from '../context.ts';
import { print, printJson } from '../output.ts';

/** `export --out <file>`: everything the signed-in firm owns, as the archive its member server writes (README "Leaving a cluster"). */
export function registerExport(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Mutation', 'exportMemberData')) return;

  program
    .command('export')
    .description(
      "download everything your firm owns (lines, capacity, allocations, production, events, policies, ledger) as one archive; your firm's admins only",
    )
    .requiredOption('--out <file>', 'where to write the archive (gzip NDJSON, e.g. my-firm.ndjson.gz)')
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .action(async (options: { out: string; member?: string }, command: Command) => {
      const context = commandContext(command, env);
      const memberId = actingMemberId(context, options.member);
      const { exportMemberData } = await context.client.request(ExportMemberDataDocument, { memberId });
      const bytes = Buffer.from(exportMemberData.archiveBase64, 'base64');
      if (bytes.length !== exportMemberData.sizeBytes) throw new Error(`the archive arrived with ${bytes.length} bytes, not ${exportMemberData.sizeBytes}`);
      writeFileSync(options.out, bytes);
      const { manifest } = exportMemberData;
      if (context.json) {
        printJson({ file: options.out, sizeBytes: exportMemberData.sizeBytes, manifest });
        return;
      }
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      print(`Wrote ${options.out}: ${exportMemberData.sizeBytes} bytes, ${rows} rows of ${manifest.memberId}, events up to seq ${manifest.lastEventSeq}.`);
      print(`sha256 of the content: ${manifest.contentSha256} (the import checks it)`);
      if (manifest.transferState === 'SERVING')
        print('Your server is still taking writes: for a move, begin it first so that nothing is written after this archive.');
    });
}
