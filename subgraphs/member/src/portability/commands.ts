import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Logger } from '@clustergraph/runtime';
import type { PortabilityCommandConfig } from '../config.ts';
import { memberSchema } from '../db/schema.ts';
import { PortabilityRefusedError } from '../errors.ts';
import { unpackArchive } from './archive.ts';
import { eraseMovedCopy } from './eraser.ts';
import { ArchiveTooLargeError, exportMemberArchive } from './exporter.ts';
import { importMemberArchive } from './importer.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export const PORTABILITY_USAGE = `usage (MEMBER_ID and DATABASE_URL or DATA_DIR as the member server has them; stop a PGlite server first):
  pnpm member:import --file <archive>        load an export into this member's new, empty database
  pnpm member:export --out <archive>         write this member's archive to a file (no size limit of a GraphQL answer)
  pnpm member:erase --confirm <memberId>     delete this copy after a move (it must be MOVING); prints the deletion record`;

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 usage or configuration, 2 refused (nothing written), 3 failed. */
export async function runPortabilityCommand(
  argv: string[],
  config: PortabilityCommandConfig,
  logger: Logger,
  io: CommandIo,
  /** Who runs it (the deletion record names them unless --by does). */
  operator = 'operator',
): Promise<number> {
  const [command, ...rest] = argv;
  let values: { file?: string | undefined; out?: string | undefined; confirm?: string | undefined; by?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { file: { type: 'string' }, out: { type: 'string' }, confirm: { type: 'string' }, by: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${PORTABILITY_USAGE}`);
    return 1;
  }
  const wanted = command === 'import' ? values.file : command === 'export' ? values.out : command === 'erase' ? values.confirm : undefined;
  if (!wanted) {
    io.err(PORTABILITY_USAGE);
    return 1;
  }
  if (command === 'erase' && values.confirm !== config.memberId) {
    io.err(`--confirm must name this server's member (${config.memberId}): the deletion cannot be undone`);
    return 1;
  }
  // Checked before the database is opened: a damaged archive leaves nothing behind, not even the migrations.
  const archive = command === 'import' ? await readArchive(values.file!, config, io) : null;
  if (archive === 'refused') return 2;
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, schema: memberSchema, migrationsFolder: MIGRATIONS_FOLDER, logger });
  try {
    if (archive) {
      const result = await importMemberArchive(database.db, archive, config.memberId);
      io.out(
        JSON.stringify({ imported: result.memberId, lastEventSeq: result.lastEventSeq, tables: result.tables, contentSha256: archive.manifest.contentSha256 }),
      );
      return 0;
    }
    if (command === 'export') {
      const exported = await exportMemberArchive(database.db, config.memberId, { maxContentBytes: config.exportMaxBytes });
      writeFileSync(values.out!, exported.bytes);
      io.out(JSON.stringify({ exported: config.memberId, file: values.out, bytes: exported.bytes.length, manifest: exported.manifest }));
      return 0;
    }
    const record = await eraseMovedCopy(database.db, config.memberId, values.by ?? `${operator} (member:erase)`);
    io.out(JSON.stringify({ deletionRecord: record }));
    return 0;
  } catch (error) {
    if (error instanceof PortabilityRefusedError) {
      io.err(`${command} refused (${error.reason}): ${error.message}. Nothing was written.`);
      return 2;
    }
    if (error instanceof ArchiveTooLargeError) {
      io.err(`export refused: ${error.message} (EXPORT_MAX_BYTES). Nothing was written.`);
      return 2;
    }
    io.err(`${command} failed: ${(error as Error).message}`);
    return 3;
  } finally {
    await database.close();
  }
}

async function readArchive(file: string, config: PortabilityCommandConfig, io: CommandIo) {
  try {
    const archive = await unpackArchive(readFileSync(file), { maxUnpackedBytes: config.importMaxBytes });
    if (archive.manifest.memberId !== config.memberId) {
      throw new PortabilityRefusedError(
        'WRONG_MEMBER',
        `the archive holds member ${archive.manifest.memberId}'s data; this server is ${config.memberId} (MEMBER_ID)`,
      );
    }
    return archive;
  } catch (error) {
    if (error instanceof PortabilityRefusedError) {
      io.err(`import refused (${error.reason}): ${error.message}. Nothing was written.`);
      return 'refused' as const;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      io.err(`import refused: no file ${file}. Nothing was written.`);
      return 'refused' as const;
    }
    throw error;
  }
}
