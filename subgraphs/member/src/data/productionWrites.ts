import type { ProductionRecordInput } from '../__generated__/resolvers-types.ts';
import { productionRecords, type ProductionRecordRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/**
 * Writes checked production records in one transaction (reportProduction and importProduction).
 * Re-reporting a shift replaces it: an MES resends corrected figures for the same shift.
 */
export function writeProductionRows(db: MemberDatabase, input: readonly ProductionRecordInput[]): Promise<ProductionRecordRow[]> {
  return db.transaction(async (tx) => {
    const written: ProductionRecordRow[] = [];
    for (const r of input) {
      const values = {
        goodQuantity: r.goodQuantity,
        scrapQuantity: r.scrapQuantity,
        runMinutes: r.runMinutes,
        downMinutes: r.downMinutes,
        energyKwh: r.energyKwh ?? null,
      };
      const [row] = await tx
        .insert(productionRecords)
        .values({ lineId: r.lineId, shiftStart: r.shiftStart, ...values })
        .onConflictDoUpdate({ target: [productionRecords.lineId, productionRecords.shiftStart], set: values })
        .returning();
      written.push(row!);
    }
    return written;
  });
}
