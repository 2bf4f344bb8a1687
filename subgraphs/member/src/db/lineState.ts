import { pgEnum } from 'drizzle-orm/pg-core';
import { LINE_STATES, type LineState } from '@clustergraph/schema/values';

// A leaf module: the `lines` table (schema.ts) and the event tables (lineEvents.ts) both use
// the line state type, and neither imports the other. The values are the standard's
// (generated from its SDL by `pnpm codegen`).
export { LINE_STATES };
export const lineState = pgEnum('line_state', LINE_STATES);
export type LineStateName = LineState;
