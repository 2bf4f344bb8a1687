import type { MemberDatabase } from '../db/database.ts';

/**
 * One prepared statement per database and name, built on first use: drizzle then skips
 * building the SQL text on every request (a visible share of a member's CPU per read in the
 * profile) and the server reuses the plan.
 */
const statements = new WeakMap<MemberDatabase, Map<string, unknown>>();

export function prepared<T>(db: MemberDatabase, name: string, build: (db: MemberDatabase) => T): T {
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map()));
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) byName.set(name, (statement = build(db)));
  return statement;
}
