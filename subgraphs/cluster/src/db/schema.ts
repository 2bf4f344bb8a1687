import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { MemberHosting, MemberRole, MemberStatus, ProcessType } from '@clustergraph/schema/values';
import { planningSchema } from './planning.ts';
import { programmesSchema } from './programmes.ts';

/**
 * The cluster registry: one row per firm that applied to join. The cluster profile
 * itself is configuration (the leader runs exactly one cluster), so it has no table.
 */
export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The firm's own name in its own script (한빛EV시스템) beside the romanised `name`. */
    localName: text('local_name'),
    // text[] keeps the role set on the row: the registry is small and always read whole.
    // `roles` are the roles the leader granted (empty until approval); only they reach tokens.
    roles: text('roles').array().$type<MemberRole[]>().notNull(),
    /** What the firm asked for when it applied; a request, never a right. */
    requestedRoles: text('requested_roles').array().$type<MemberRole[]>().notNull().default([]),
    region: text('region'),
    /** Null only for a HOSTED applicant until the member host provisions it (approval sets it). */
    endpoint: text('endpoint'),
    hosting: text('hosting').$type<MemberHosting>().notNull().default('SELF_HOSTED'),
    /** What the firm said it runs when it applied; the member host starts a HOSTED firm with them. */
    appliedProcesses: text('applied_processes').array().$type<ProcessType[]>().notNull().default([]),
    status: text('status').$type<MemberStatus>().notNull().default('PENDING'),
    statusReason: text('status_reason'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('members_status_idx').on(table.status)],
);

/**
 * Deletions of firms' copies the cluster had made after a move (the hosted copy on the member
 * host, deleteHostedCopy): who asked, when the host deleted it, and what the host answered.
 * Kept for good; a firm that comes back keeps its history.
 */
export const memberCopyDeletions = pgTable(
  'member_copy_deletions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: text('member_id').notNull(),
    /** The endpoint the deleted copy was served at. */
    endpoint: text('endpoint').notNull(),
    deletedBy: text('deleted_by').notNull(),
    /** The host's own time of deletion. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The host's answer as it came (its deletion record). */
    hostRecord: jsonb('host_record').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [index('member_copy_deletions_member_idx').on(table.memberId)],
);

export type MemberRow = typeof members.$inferSelect;
export type MemberCopyDeletionRow = typeof memberCopyDeletions.$inferSelect;
export type NewMemberRow = typeof members.$inferInsert;

export * from './planning.ts';
export * from './programmes.ts';

export const clusterSchema = { members, memberCopyDeletions, ...planningSchema, ...programmesSchema };
export type ClusterSchema = typeof clusterSchema;
