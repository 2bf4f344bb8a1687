import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { allocations, lines, type AllocationRow, type LineRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/**
 * Per-request batch loaders (dataloader): the references of one `_entities` request (the
 * gateway sends a member all its Lines, or all its Allocations, in one call) are read with
 * one SQL query per entity type instead of one per reference. A new set per request, so
 * nothing read for one viewer is ever served to another.
 */
export interface MemberLoaders {
  line: DataLoader<string, LineRow | null>;
  allocation: DataLoader<string, AllocationRow | null>;
}

function byId<Row extends { id: string }>(ids: readonly string[], rows: readonly Row[]): (Row | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

export function createMemberLoaders(db: MemberDatabase): MemberLoaders {
  return {
    line: new DataLoader(async (ids) =>
      byId(
        ids,
        await db
          .select()
          .from(lines)
          .where(inArray(lines.id, [...ids])),
      ),
    ),
    allocation: new DataLoader(async (ids) =>
      byId(
        ids,
        await db
          .select()
          .from(allocations)
          .where(inArray(allocations.id, [...ids])),
      ),
    ),
  };
}
