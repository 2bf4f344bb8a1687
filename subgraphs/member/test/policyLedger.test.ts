import { describe, expect, it } from 'vitest';
import { silentLogger } from '@clustergraph/runtime';
import { UsageLedger, type UsageEntry } from '../src/sovereignty/usageLedger.ts';
import { csvCell, ledgerCsv } from '../src/sovereignty/ledgerQueries.ts';
import type { MemberDatabase } from '../src/db/database.ts';

function fakeDb(options: { failTimes?: number } = {}) {
  const written: UsageEntry[][] = [];
  let failures = options.failTimes ?? 0;
  const db = {
    insert: () => ({
      values: async (rows: UsageEntry[]) => {
        if (failures-- > 0) throw new Error('database away');
        written.push(rows.map((r) => ({ ...r })));
      },
    }),
  } as unknown as MemberDatabase;
  return { db, written };
}

const entry = (records: number, extra: Partial<UsageEntry> = {}): UsageEntry => ({
  at: new Date('2026-03-10T12:00:00Z'),
  readerMemberId: 'lead',
  readerUserId: 'planner@lead',
  category: 'CAPACITY',
  purpose: 'JOINT_PLANNING',
  operationName: 'Plan',
  records,
  allowed: true,
  policyId: 'default-capacity-leader',
  granularity: 'RAW',
  ...extra,
});

describe('usage ledger', () => {
  it('merges reads of one request into one row and writes in batches', async () => {
    const { db, written } = fakeDb();
    const ledger = new UsageLedger(db, silentLogger, { flushIntervalMs: 20 });
    ledger.record(entry(3), 'req-1|CAPACITY');
    ledger.record(entry(2), 'req-1|CAPACITY');
    ledger.record(entry(1, { allowed: false, policyId: null }), 'req-1|ORDERS');
    expect(written).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(written).toHaveLength(1);
    expect(written[0]!.map((e) => e.records)).toEqual([5, 1]);
    await ledger.stop();
  });

  it('flushes at once when the batch is full, and everything on stop', async () => {
    const { db, written } = fakeDb();
    const ledger = new UsageLedger(db, silentLogger, { flushIntervalMs: 60_000, maxBuffered: 3 });
    for (let i = 0; i < 4; i++) ledger.record(entry(1));
    await ledger.flush();
    expect(written.flat()).toHaveLength(4);
    ledger.record(entry(7));
    await ledger.stop();
    expect(
      written
        .flat()
        .map((e) => e.records)
        .at(-1),
    ).toBe(7);
    expect(ledger.pending).toBe(0);
  });

  it('keeps entries when a write fails and writes them on the next flush', async () => {
    const { db, written } = fakeDb({ failTimes: 1 });
    const ledger = new UsageLedger(db, silentLogger, { flushIntervalMs: 60_000 });
    ledger.record(entry(2), 'k');
    await ledger.flush();
    expect(written).toEqual([]);
    expect(ledger.pending).toBe(1);
    await ledger.stop();
    expect(written.flat().map((e) => e.records)).toEqual([2]);
  });

  it('exports CSV that a spreadsheet cannot turn into a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    const csv = ledgerCsv([{ id: 1, ...entry(4) }]);
    expect(csv.split('\r\n')[0]).toBe('at,readerMemberId,readerUserId,category,purpose,operationName,records,allowed,policyId,granularity');
    expect(csv.split('\r\n')[1]).toBe('2026-03-10T12:00:00.000Z,lead,planner@lead,CAPACITY,JOINT_PLANNING,Plan,4,true,default-capacity-leader,RAW');
  });
});
