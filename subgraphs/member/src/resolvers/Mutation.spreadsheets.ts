import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { writeCapacityRows } from '../capacity/writeCapacity.ts';
import { existingLineIds } from '../data/lines.ts';
import { writeProductionRows } from '../data/productionWrites.ts';
import { assertCanImport } from '../spreadsheets/importAccess.ts';
import { checkRows } from '../spreadsheets/importProblems.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateCapacityInput } from '../validation/capacity.ts';
import { validateProductionInput } from '../validation/production.ts';
import { assertRowCount, loadFirmProcesses, planningHorizon } from '../validation/bounds.ts';

/**
 * Spreadsheet imports (issue 19): the rows of an uploaded calendar or production sheet, checked
 * with the very bounds of setCapacity and reportProduction. A dry run reports every problem and
 * writes nothing; an import writes every row in one transaction, or none.
 */
export const spreadsheetMutations: Pick<MutationResolvers, 'importCapacity' | 'importProduction'> = {
  async importCapacity(_parent, { memberId, input, dryRun }, context) {
    assertOwnMember(memberId, context.memberId);
    await assertCanImport(context, 'capacity', 'importCapacity');
    const problems = await checkRows(dryRun, async () => {
      // Too many rows is refused before any row is looked at.
      assertRowCount(input.length, 'input', context.writeBounds);
      validateCapacityInput(input, {
        firm: await loadFirmProcesses(context.db),
        horizon: planningHorizon(context.writeBounds, new Date()),
        bounds: context.writeBounds,
      });
    });
    if (!dryRun) await writeCapacityRows(context, input);
    return { dryRun, rows: input.length, written: dryRun ? 0 : input.length, problems };
  },

  async importProduction(_parent, { memberId, input, dryRun }, context) {
    assertOwnMember(memberId, context.memberId);
    await assertCanImport(context, 'production', 'importProduction');
    const problems = await checkRows(dryRun, async () => {
      assertRowCount(input.length, 'input', context.writeBounds);
      const knownLineIds = await existingLineIds(
        context.db,
        input.map((r) => r.lineId),
      );
      validateProductionInput(input, knownLineIds, new Date(), context.writeBounds);
    });
    if (!dryRun && input.length > 0) await writeProductionRows(context.db, input);
    return { dryRun, rows: input.length, written: dryRun ? 0 : input.length, problems };
  },
};
