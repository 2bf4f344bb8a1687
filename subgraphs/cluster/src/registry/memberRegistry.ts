import { and, arrayContains, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { ConflictError, NotFoundError, type Database } from '@clustergraph/runtime';
import { memberCopyDeletions, members, type ClusterSchema, type MemberCopyDeletionRow, type MemberRow } from '../db/schema.ts';
import type { MemberRole, MemberStatus } from '@clustergraph/schema/values';
import type { MemberRegistration } from './registrationInput.ts';
import { statusesAllowedBefore } from './statusTransitions.ts';

export interface MemberFilter {
  role?: MemberRole | null | undefined;
  status?: MemberStatus | null | undefined;
}

/** The member registry's reads and writes. Every status change is one conditional UPDATE, so concurrent changes cannot skip a rule. */
export class MemberRegistry {
  constructor(private readonly db: Database<ClusterSchema>) {}

  async list(filter: MemberFilter = {}): Promise<MemberRow[]> {
    const conditions: SQL[] = [];
    if (filter.role) conditions.push(arrayContains(members.roles, [filter.role]));
    if (filter.status) conditions.push(eq(members.status, filter.status));
    return this.db
      .select()
      .from(members)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(members.joinedAt), asc(members.id));
  }

  async find(id: string): Promise<MemberRow | null> {
    const [row] = await this.db.select().from(members).where(eq(members.id, id));
    return row ?? null;
  }

  async findMany(ids: readonly string[]): Promise<Map<string, MemberRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(members)
      .where(inArray(members.id, [...new Set(ids)]));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async countByStatus(status: MemberStatus): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(members).where(eq(members.status, status));
    return row?.n ?? 0;
  }

  /**
   * Adds an applicant (PENDING): the roles it names are a request, granted only by approve().
   * Returns null when the id is taken (the caller names the field).
   */
  async insert(registration: MemberRegistration, status: MemberStatus): Promise<MemberRow | null> {
    const granted = status === 'PENDING' ? [] : registration.roles;
    const [row] = await this.db
      .insert(members)
      .values({ ...registration, roles: granted, requestedRoles: registration.roles, status })
      .onConflictDoNothing({ target: members.id })
      .returning();
    return row ?? null;
  }

  /**
   * Registers every entry ACTIVE when, and only when, the registry is empty: a restart
   * must not undo the leader's later decisions. Returns how many were added.
   */
  async seedIfEmpty(registrations: readonly MemberRegistration[]): Promise<number> {
    if (registrations.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      // Serialises two replicas starting at once on the same database.
      await tx.execute(sql`lock table ${members} in share row exclusive mode`);
      const [existing] = await tx.select({ n: count() }).from(members);
      if ((existing?.n ?? 0) > 0) return 0;
      // The seed is the leader's own configuration: its roles are granted as written.
      await tx
        .insert(members)
        .values(registrations.map((registration) => ({ ...registration, requestedRoles: registration.roles, status: 'ACTIVE' as const })));
      return registrations.length;
    });
  }

  /**
   * Gives seeded members the local name the seed has for them where the registry has none (a
   * registry seeded before Member.localName existed); nothing else of a registered firm changes.
   * Returns how many were named.
   */
  async fillLocalNames(registrations: readonly MemberRegistration[]): Promise<number> {
    let named = 0;
    for (const { id, localName } of registrations) {
      if (!localName) continue;
      const rows = await this.db
        .update(members)
        .set({ localName })
        .where(and(eq(members.id, id), isNull(members.localName)))
        .returning({ id: members.id });
      named += rows.length;
    }
    return named;
  }

  /** Moves a member to `target` if its current status allows it; NOT_FOUND or CONFLICT otherwise. */
  async changeStatus(id: string, target: MemberStatus, reason: string | null): Promise<MemberRow> {
    const [row] = await this.db
      .update(members)
      .set({ status: target, statusReason: reason, updatedAt: new Date() })
      .where(and(eq(members.id, id), inArray(members.status, [...statusesAllowedBefore(target)])))
      .returning();
    if (row) return row;
    const current = await this.find(id);
    if (!current) throw new NotFoundError('Member', id, 'id');
    throw new ConflictError(`member ${id} is ${current.status} and cannot become ${target}`, 'id');
  }

  /**
   * Approves a member (ACTIVE) and grants it `granted` roles in the same conditional UPDATE.
   * Without `granted`, a first approval grants what the firm asked for, and a re-approval
   * (after a suspension or quarantine) keeps what was granted before.
   */
  async approve(id: string, granted: readonly MemberRole[] | null, endpoint: string | null = null): Promise<MemberRow> {
    const roles = granted
      ? [...granted]
      : sql<MemberRole[]>`case when cardinality(${members.roles}) = 0 then ${members.requestedRoles} else ${members.roles} end`;
    const [row] = await this.db
      .update(members)
      // `endpoint`: a HOSTED applicant's, from the member host, set in the same update that activates it.
      .set({ status: 'ACTIVE', statusReason: null, roles, ...(endpoint !== null ? { endpoint } : {}), updatedAt: new Date() })
      .where(and(eq(members.id, id), inArray(members.status, [...statusesAllowedBefore('ACTIVE')])))
      .returning();
    if (row) return row;
    const current = await this.find(id);
    if (!current) throw new NotFoundError('Member', id, 'id');
    throw new ConflictError(`member ${id} is ${current.status} and cannot become ACTIVE`, 'id');
  }

  /** Keeps why an approval failed on a PENDING application (the member host was missing or failed); it stays PENDING. */
  async noteApprovalFailure(id: string, reason: string): Promise<void> {
    await this.db
      .update(members)
      .set({ statusReason: reason, updatedAt: new Date() })
      .where(and(eq(members.id, id), eq(members.status, 'PENDING')));
  }

  /**
   * Sets the endpoint if it is still `expected` (the one the caller checked the move against);
   * CONFLICT when another change came first.
   */
  async updateEndpoint(id: string, endpoint: string, expected: string | null): Promise<MemberRow> {
    const [row] = await this.db
      .update(members)
      .set({ endpoint, updatedAt: new Date() })
      .where(and(eq(members.id, id), expected === null ? isNull(members.endpoint) : eq(members.endpoint, expected)))
      .returning();
    if (row) return row;
    if (!(await this.find(id))) throw new NotFoundError('Member', id, 'id');
    throw new ConflictError(`${id}'s endpoint changed meanwhile; check it again`, 'endpoint');
  }

  /**
   * Records the deletion of a HOSTED firm's copy and makes the firm SELF_HOSTED, together. When
   * the firm is no longer HOSTED (a second call that raced this one), nothing more is written
   * and the deletion recorded first is returned.
   */
  async recordCopyDeletion(deletion: Omit<MemberCopyDeletionRow, 'id' | 'recordedAt'>): Promise<MemberCopyDeletionRow> {
    return this.db.transaction(async (tx) => {
      const changed = await tx
        .update(members)
        .set({ hosting: 'SELF_HOSTED', updatedAt: new Date() })
        .where(and(eq(members.id, deletion.memberId), eq(members.hosting, 'HOSTED')))
        .returning({ id: members.id });
      if (changed.length === 0) {
        const [earlier] = await tx
          .select()
          .from(memberCopyDeletions)
          .where(eq(memberCopyDeletions.memberId, deletion.memberId))
          .orderBy(desc(memberCopyDeletions.recordedAt))
          .limit(1);
        if (earlier) return earlier;
        throw new ConflictError(`${deletion.memberId} is no longer HOSTED`, 'id');
      }
      const [row] = await tx.insert(memberCopyDeletions).values(deletion).returning();
      return row!;
    });
  }

  /** A firm's recorded copy deletions, newest first. */
  async copyDeletions(memberId: string): Promise<MemberCopyDeletionRow[]> {
    return this.db
      .select()
      .from(memberCopyDeletions)
      .where(eq(memberCopyDeletions.memberId, memberId))
      .orderBy(desc(memberCopyDeletions.recordedAt), desc(memberCopyDeletions.id));
  }
}
