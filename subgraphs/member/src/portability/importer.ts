import { sql } from 'drizzle-orm';
import type { MemberDatabase } from '../db/database.ts';
import { PortabilityRefusedError } from '../errors.ts';
import type { ArchiveContent } from './archive.ts';
import { countRows, queryRows } from './sqlRows.ts';
import { EXPORTED_TABLES } from './tables.ts';

/** Rows per INSERT: one JSON parameter each, well under PostgreSQL's and PGlite's message sizes. */
const ROWS_PER_STATEMENT = 1000;

export interface ImportResult {
  memberId: string;
  tables: Array<{ table: string; rows: number }>;
  lastEventSeq: number;
}

/**
 * What a fresh member database may hold and still count as empty: the cluster's default
 * policies a first start seeds (unrevoked, never changed by anyone) and a line-event counter
 * at 0. They are replaced by the archive's.
 */
async function assertEmpty(tx: Pick<MemberDatabase, 'execute'>): Promise<void> {
  const found: string[] = [];
  for (const table of EXPORTED_TABLES) {
    let extra = await countRows(tx, table.name);
    if (table.name === 'sharing_policies') {
      const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sharing_policies where is_default and revoked_at is null`);
      extra -= Number(row?.n ?? 0);
    } else if (table.name === 'line_event_counter') {
      const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from line_event_counter where last_seq = 0`);
      extra -= Number(row?.n ?? 0);
    }
    if (extra > 0) found.push(`${table.name} (${extra})`);
  }
  if (found.length > 0) {
    throw new PortabilityRefusedError('NOT_EMPTY', `the database already holds data: ${found.join(', ')}; import only into a new member database`);
  }
}

/**
 * Loads a checked archive (archive.ts unpackArchive) into this member's empty database, in one
 * transaction: a refusal or a failure writes nothing. Serial ids go on after the imported
 * rows, and the line-event counter is the archive's, so the next event gets lastEventSeq + 1.
 */
export async function importMemberArchive(db: MemberDatabase, archive: ArchiveContent, expectedMemberId: string): Promise<ImportResult> {
  const { manifest } = archive;
  if (manifest.memberId !== expectedMemberId) {
    throw new PortabilityRefusedError('WRONG_MEMBER', `the archive holds member ${manifest.memberId}'s data; this server is ${expectedMemberId} (MEMBER_ID)`);
  }
  return db.transaction(async (tx) => {
    const [transfer] = await queryRows<{ state: string }>(tx, sql`select state from member_transfer where id = 1 for update`);
    if (transfer?.state === 'MOVING')
      throw new PortabilityRefusedError('NOT_EMPTY', 'this database is a copy being moved away (MOVING); import into a new member database');
    await assertEmpty(tx);
    // A copy deleted after an earlier move (MOVED) may take the firm back.
    await tx.execute(sql`update member_transfer set state = 'SERVING', since = now(), reason = 'imported', deletion_record = null where id = 1`);
    await tx.execute(sql`delete from sharing_policies`);
    await tx.execute(sql`delete from line_event_counter`);
    const tables: ImportResult['tables'] = [];
    for (const table of EXPORTED_TABLES) {
      const rows = archive.rows.get(table.name) ?? [];
      const name = sql.identifier(table.name);
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const batch = `[${rows.slice(i, i + ROWS_PER_STATEMENT).join(',')}]`;
        await tx.execute(sql`insert into ${name} select * from json_populate_recordset(null::${name}, ${batch}::json)`);
      }
      if (table.serialColumn) {
        const column = sql.identifier(table.serialColumn);
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${table.name}, ${table.serialColumn}), coalesce((select max(${column}) from ${name}), 0) + 1, false)`,
        );
      }
      const stored = await countRows(tx, table.name);
      if (stored !== rows.length) throw new Error(`${table.name}: ${stored} rows stored, ${rows.length} in the archive`);
      tables.push({ table: table.name, rows: stored });
    }
    return { memberId: manifest.memberId, tables, lastEventSeq: manifest.lastEventSeq };
  });
}
