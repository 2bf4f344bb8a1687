import { sql } from 'drizzle-orm';
import type { MemberDatabase } from '../db/database.ts';
import type { MemberTransferStateName } from '../db/transfer.ts';
import { contentLine, packArchive, type ExportManifest } from './archive.ts';
import { queryRows, tableRowsAsJson } from './sqlRows.ts';
import { EXPORTED_TABLES } from './tables.ts';

export interface MemberArchive {
  manifest: ExportManifest;
  /** The gzip archive. */
  bytes: Buffer;
  fileName: string;
}

/** Thrown when the rows read so far are already more than the caller allows (checked before compression). */
export class ArchiveTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the archive's content is larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads every table of the firm in one read-only, repeatable-read transaction (one snapshot:
 * an event committed during the export is either wholly in it or not at all, with the counter
 * agreeing) and packs them. `maxContentBytes` bounds the uncompressed content.
 */
export async function exportMemberArchive(db: MemberDatabase, memberId: string, options: { maxContentBytes: number; now?: Date }): Promise<MemberArchive> {
  const exportedAt = options.now ?? new Date();
  const { content, tables, lastEventSeq, transferState } = await db.transaction(
    async (tx) => {
      const parts: string[] = [];
      let size = 0;
      const counts: ExportManifest['tables'] = [];
      for (const table of EXPORTED_TABLES) {
        const rows = await tableRowsAsJson(tx, table);
        for (const row of rows) {
          const line = contentLine(table.name, row);
          size += Buffer.byteLength(line);
          if (size > options.maxContentBytes) throw new ArchiveTooLargeError(options.maxContentBytes);
          parts.push(line);
        }
        counts.push({ table: table.name, rows: rows.length });
      }
      const [counter] = await queryRows<{ last_seq: number | string }>(tx, sql`select last_seq from line_event_counter where id = 1`);
      const [transfer] = await queryRows<{ state: MemberTransferStateName }>(tx, sql`select state from member_transfer where id = 1`);
      return { content: parts.join(''), tables: counts, lastEventSeq: Number(counter?.last_seq ?? 0), transferState: transfer?.state ?? 'SERVING' };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const { manifest, bytes } = await packArchive(content, { memberId, exportedAt: exportedAt.toISOString(), tables, lastEventSeq, transferState });
  return { manifest, bytes, fileName: archiveFileName(memberId, exportedAt) };
}

/** clustergraph-<member>-<UTC time>.ndjson.gz */
export function archiveFileName(memberId: string, at: Date): string {
  return `clustergraph-${memberId}-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.ndjson.gz`;
}
