import { sql } from 'drizzle-orm';
import type { MemberDatabase } from '../db/database.ts';
import { PortabilityRefusedError } from '../errors.ts';
import { countRows, queryRows } from './sqlRows.ts';
import { EXPORTED_TABLES, SERVER_TABLES } from './tables.ts';
import { readTransferStatus, transferChannel } from './transferState.ts';

/** What the deletion of a moved copy removed; kept on the old server (member_transfer) and printed for the firm. */
export interface DeletionRecord {
  memberId: string;
  deletedAt: string;
  deletedBy: string;
  /** The last line-event seq of the deleted copy: the new server's events go on after it. */
  lastEventSeq: number;
  /** The move began (MOVING) at. */
  movingSince: string;
  tables: Array<{ table: string; rows: number }>;
}

/**
 * Deletes the firm's data from a server it moved away from, in one transaction, and leaves
 * a tombstone (state MOVED with the deletion record): from then on the server answers
 * MEMBER_MOVED to everything. Only a copy that is MOVING may be deleted: a server still
 * SERVING has never stopped taking writes, so deleting it could lose something.
 */
export async function eraseMovedCopy(db: MemberDatabase, memberId: string, deletedBy: string, now = new Date()): Promise<DeletionRecord> {
  return db.transaction(async (tx) => {
    const status = await readTransferStatus(tx, true);
    if (status.state === 'SERVING') {
      throw new PortabilityRefusedError(
        'NOT_MOVING',
        `${memberId} is SERVING here: begin the move (beginMemberMove) and switch its endpoint before deleting this copy`,
      );
    }
    if (status.state === 'MOVED')
      throw new PortabilityRefusedError('ALREADY_DELETED', `${memberId}'s copy here was already deleted (${status.since.toISOString()})`);
    // The freeze trigger lets this transaction through (and only this one).
    await tx.execute(sql`select set_config('clustergraph.transfer_bypass', 'on', true)`);
    const tables: DeletionRecord['tables'] = [];
    for (const table of [...EXPORTED_TABLES].reverse()) {
      tables.unshift({ table: table.name, rows: await countRows(tx, table.name) });
      await tx.execute(sql`delete from ${sql.identifier(table.name)}`);
    }
    for (const table of SERVER_TABLES) if (table !== 'member_transfer') await tx.execute(sql`delete from ${sql.identifier(table)}`);
    const record: DeletionRecord = {
      memberId,
      deletedAt: now.toISOString(),
      deletedBy,
      lastEventSeq: status.lastEventSeq,
      movingSince: status.since.toISOString(),
      tables,
    };
    await queryRows(
      tx,
      sql`update member_transfer set state = 'MOVED', since = ${now.toISOString()}::timestamptz, changed_by = ${deletedBy},
          deletion_record = ${JSON.stringify(record)} where id = 1 returning id`,
    );
    await tx.execute(sql`select pg_notify(${transferChannel(memberId)}, 'MOVED')`);
    return record;
  });
}
