import type { Database } from '@clustergraph/runtime';
import type { MemberSchema } from './schema.ts';

/** The member's drizzle database (PostgreSQL or PGlite). A leaf module: the many modules that take a database import it from here, not from context.ts. */
export type MemberDatabase = Database<MemberSchema>;
