import type { Database, ForwardedAuth, Logger } from '@clustergraph/runtime';
import type { MemberSchema } from './db/schema.ts';
import type { MemberAccess } from './access.ts';

export type MemberDatabase = Database<MemberSchema>;

/** Per-request context of the member subgraph (the codegen `contextType`). */
export interface MemberContext {
  /** The firm this instance serves (MEMBER_ID). */
  memberId: string;
  db: MemberDatabase;
  auth: ForwardedAuth;
  access: MemberAccess;
  logger: Logger;
}
