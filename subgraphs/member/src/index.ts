export { createMemberApp, createMemberSchema, type MemberApp } from './app.ts';
export { loadMemberConfig, type MemberConfig } from './config.ts';
export type { MemberContext } from './context.ts';
export type { MemberDatabase } from './db/database.ts';
export type { MemberAccess, DataCategory } from './sovereignty/access.ts';
export { seedDemoData, SEEDED_CAPACITY_WEEKS, type SeedResult } from './seed/seedDemoData.ts';
export { parseDemoMemberProfile, type DemoMemberProfile, type DemoMemberProfileInput } from './seed/profile.ts';
export { computeCapacityBuckets, type CapacityBucketValue } from './capacity/buckets.ts';
export { memberSchema, type MemberSchema } from './db/schema.ts';
