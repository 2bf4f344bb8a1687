import { pgEnum } from 'drizzle-orm/pg-core';

// A leaf module: the `lines` table (schema.ts) and the event tables (lineEvents.ts) both use
// the line state type, and neither imports the other.
export const LINE_STATES = ['RUNNING', 'IDLE', 'DOWN', 'CHANGEOVER', 'MAINTENANCE', 'OFFLINE'] as const;
export const lineState = pgEnum('line_state', LINE_STATES);
export type LineStateName = (typeof LINE_STATES)[number];
