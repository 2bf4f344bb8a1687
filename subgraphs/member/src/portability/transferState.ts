import { sql } from 'drizzle-orm';
import type { Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import type { MemberTransferStateName } from '../db/transfer.ts';
import { MemberMovedError } from '../errors.ts';
import { queryRows } from './sqlRows.ts';

export interface TransferStatus {
  state: MemberTransferStateName;
  since: Date;
  lastEventSeq: number;
  reason: string | null;
}

interface TransferRow {
  state: MemberTransferStateName;
  since: Date | string;
  last_event_seq: number | string;
  reason: string | null;
}

const SERVING: TransferStatus = { state: 'SERVING', since: new Date(0), lastEventSeq: 0, reason: null };

/** The NOTIFY channel of a member's transfer state (`member_transfer_<memberId>`, a plain identifier). */
export function transferChannel(memberId: string): string {
  return `member_transfer_${memberId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

function statusOf(row: TransferRow | undefined): TransferStatus {
  if (!row) return SERVING;
  return { state: row.state, since: new Date(row.since), lastEventSeq: Number(row.last_event_seq), reason: row.reason };
}

export async function readTransferStatus(db: Pick<MemberDatabase, 'execute'>, forUpdate = false): Promise<TransferStatus> {
  const lock = forUpdate ? sql` for update` : sql``;
  const [row] = await queryRows<TransferRow>(db, sql`select state, since, last_event_seq, reason from member_transfer where id = 1${lock}`);
  return statusOf(row);
}

export interface TransferStateOptions {
  db: MemberDatabase;
  memberId: string;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  logger: Logger;
  /** Safety net for a NOTIFY lost while the LISTEN connection reconnected (default 10 s). */
  pollIntervalMs?: number;
  /** Instead of a timer of its own: a poller watching many firms at once calls `refresh` when this one's state moved (host/firmWatch.ts). */
  pollWith?(refresh: () => void): () => void;
}

/**
 * This server's transfer state, kept in memory for the request path (every request asks it)
 * and kept current by NOTIFY from the move commands and other replicas, with a slow poll as a
 * safety net. The database enforces the freeze itself (a trigger on every firm table); this is
 * what lets requests be refused with a clear code before they try.
 */
export class TransferState {
  private status: TransferStatus = SERVING;
  private unlisten: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private unpoll: (() => void) | null = null;
  private readonly channel: string;

  constructor(private readonly options: TransferStateOptions) {
    this.channel = transferChannel(options.memberId);
  }

  get current(): TransferStatus {
    return this.status;
  }

  async start(): Promise<void> {
    this.status = await readTransferStatus(this.options.db);
    this.unlisten = await this.options.listen(this.channel, () => void this.refresh());
    if (this.options.pollWith) {
      this.unpoll = this.options.pollWith(() => void this.refresh());
      return;
    }
    this.poll = setInterval(() => void this.refresh(), this.options.pollIntervalMs ?? 10_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.unpoll?.();
    await this.unlisten?.().catch(() => {});
  }

  /** Throws MEMBER_MOVED when this copy was deleted after a move. */
  assertHoldsData(): void {
    if (this.status.state === 'MOVED') throw new MemberMovedError(this.options.memberId, this.status.since);
  }

  /**
   * Enters MOVING. The transfer row is locked for update first: that waits for every write under
   * way (each holds a share lock on it through the freeze trigger) and keeps new ones out, so the
   * counter read next is the last seq for as long as the move lasts.
   */
  async begin(by: string, reason: string | null): Promise<TransferStatus> {
    const status = await this.options.db.transaction(async (tx) => {
      const current = await readTransferStatus(tx, true);
      if (current.state !== 'SERVING') return current;
      const [counter] = await queryRows<{ last_seq: number | string }>(tx, sql`select last_seq from line_event_counter where id = 1 for update`);
      const lastEventSeq = Number(counter?.last_seq ?? 0);
      const [row] = await queryRows<TransferRow>(
        tx,
        sql`update member_transfer set state = 'MOVING', since = now(), reason = ${reason}, changed_by = ${by}, last_event_seq = ${lastEventSeq}
            where id = 1 returning state, since, last_event_seq, reason`,
      );
      return statusOf(row);
    });
    await this.changed(status);
    return status;
  }

  /** Back to SERVING from MOVING (a move called off); a deleted copy stays MOVED. */
  async cancel(by: string): Promise<TransferStatus> {
    const status = await this.options.db.transaction(async (tx) => {
      const current = await readTransferStatus(tx, true);
      if (current.state !== 'MOVING') return current;
      const [row] = await queryRows<TransferRow>(
        tx,
        sql`update member_transfer set state = 'SERVING', since = now(), reason = 'move cancelled', changed_by = ${by} where id = 1
            returning state, since, last_event_seq, reason`,
      );
      return statusOf(row);
    });
    await this.changed(status);
    return status;
  }

  private async changed(status: TransferStatus): Promise<void> {
    const before = this.status.state;
    this.status = status;
    if (before !== status.state) {
      this.options.logger.info({ memberId: this.options.memberId, state: status.state, lastEventSeq: status.lastEventSeq }, 'transfer state changed');
      await this.options.notify(this.channel, status.state).catch(() => {});
    }
  }

  private async refresh(): Promise<void> {
    try {
      const status = await readTransferStatus(this.options.db);
      if (status.state !== this.status.state) {
        this.options.logger.info({ memberId: this.options.memberId, state: status.state }, 'transfer state changed elsewhere');
      }
      this.status = status;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'reading the transfer state failed; keeping the last known');
    }
  }
}
