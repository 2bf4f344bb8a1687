import type { ForwardedAuth, Logger } from '@clustergraph/runtime';
import type { ClusterProfile } from './config.ts';
import type { MemberRow } from './db/schema.ts';
import type { MemberRegistry } from './registry/memberRegistry.ts';
import type { BatchLoader } from './registry/batchLoader.ts';
import type { MemberApprovals } from './registry/memberApprovals.ts';
import type { MemberMoves } from './registry/memberMoves.ts';
import type { MemberServers } from './registry/memberServerCheck.ts';
import type { RegistryReadMode } from './registry/registrySnapshot.ts';
import type { PlanningService } from './planning/planningService.ts';
import type { ProgrammeStore } from './programmes/programmeStore.ts';

/** What every cluster resolver gets: who is asking, the registry, the cluster profile. */
export interface ClusterContext {
  auth: ForwardedAuth;
  /** Reads from the in-memory snapshot in queries, from the database in mutations and the gateway's system calls (registry/registrySnapshot.ts). */
  registry: MemberRegistry;
  /** Set for a mutation before its resolvers run (registrySnapshotPlugin). */
  registryReads: RegistryReadMode;
  /** approveMember: provisions HOSTED applicants on the member host (MEMBER_HOST_URL) first. */
  approvals: MemberApprovals;
  /** updateMemberEndpoint (checked) and deleteHostedCopy: a firm's move, as the registry takes part in it. */
  moves: MemberMoves;
  /** Reads a member server's member check (Member.transfer). */
  servers: MemberServers;
  profile: ClusterProfile;
  /** Per-request batching of member lookups, so `_entities` with many members is one query. */
  memberById: BatchLoader<string, MemberRow | null>;
  logger: Logger;
  /** Joint orders, plans, proposals (planning needs GATEWAY_URL; orders do not). */
  planning: PlanningService;
  /** AI-transition support programmes (issue 6). */
  programmes: ProgrammeStore;
}
