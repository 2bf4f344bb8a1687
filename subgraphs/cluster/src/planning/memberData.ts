import type { ProcessType } from '../solver/index.ts';
import { ClusterErrorCode, PlanningUnavailableError } from '../errors.ts';
import {
  PlannerCapacityDocument,
  PlannerMemberAllocationsFragmentDoc,
  PlannerProposeAllocationsDocument,
  PlannerWithdrawAllocationDocument,
  type AllocationInput,
  type PlannerCapacityBucketFragment,
  type PlannerCapacityQuery,
  type PlannerMemberAllocationsFragment,
} from '../__generated__/gateway/graphql.ts';
import { describeErrors, failedMemberIds, printed, type GatewayClient } from './gatewayClient.ts';

/**
 * What the planner reads from and writes to the members, always through the gateway (so
 * each member's sharing policies decide and its usage ledger records the read). The documents
 * are operations/*.graphql; their types are generated from the API schema by `pnpm codegen`.
 */

/** One member's capacity bucket as read through the gateway: the standard's CapacityBucket, as PlannerCapacityBucket selects it. */
export type CapacityBucketData = PlannerCapacityBucketFragment;

type CapacityMember = PlannerCapacityQuery['members'][number];

/** A member whose capabilities and capacity could be read. */
export interface MemberCapacityData extends Omit<CapacityMember, 'capabilities' | 'capacity'> {
  capabilities: NonNullable<CapacityMember['capabilities']>;
  capacity: CapacityBucketData[];
}

export interface ClusterCapacity {
  members: MemberCapacityData[];
  /** ACTIVE members whose capabilities or capacity could not be read, with why. */
  unreadable: Map<string, string>;
}

/** Capabilities and weekly capacity of every ACTIVE member for [from, to]. */
export async function readClusterCapacity(gateway: GatewayClient, range: { from: string; to: string; process?: ProcessType | null }): Promise<ClusterCapacity> {
  const answer = await gateway.send(PlannerCapacityDocument, { from: range.from, to: range.to, process: range.process ?? null });
  if (!answer.data?.members) throw new PlanningUnavailableError(`could not read the cluster's members through the gateway: ${describeErrors(answer.errors)}`);
  const failed = failedMemberIds(answer.errors);
  const members: MemberCapacityData[] = [];
  const unreadable = new Map<string, string>();
  for (const member of answer.data.members) {
    if (!member.capabilities || !member.capacity) {
      unreadable.set(member.id, failed.get(member.id) ?? 'capacity or capabilities not shared');
      continue;
    }
    members.push({ id: member.id, region: member.region, capabilities: member.capabilities, capacity: member.capacity });
  }
  return { members, unreadable };
}

/** One allocation as a member answered it, with the member it is on. */
export type MemberAllocationData = NonNullable<PlannerMemberAllocationsFragment['allocations']>[number] & { memberId: string };

export interface AllocationsRead {
  allocations: MemberAllocationData[];
  /** Members whose allocations could not be read (down, or ORDERS not shared with the leader). */
  unreadable: Map<string, string>;
}

/** The allocations of the given members (all of them; the caller filters by joint order). */
export async function readMemberAllocations(gateway: GatewayClient, memberIds: readonly string[]): Promise<AllocationsRead> {
  if (memberIds.length === 0) return { allocations: [], unreadable: new Map() };
  const variables: Record<string, string> = {};
  // One request for all of them: an aliased member(id:) per member around the generated fragment.
  const fields = memberIds.map((id, i) => {
    variables[`m${i}`] = id;
    return `m${i}: member(id: $m${i}) { ...PlannerMemberAllocations }`;
  });
  const query = `query PlannerAllocations(${memberIds.map((_, i) => `$m${i}: ID!`).join(', ')}) { ${fields.join(' ')} }\n${printed(PlannerMemberAllocationsFragmentDoc)}`;
  const answer = await gateway.request<Record<string, PlannerMemberAllocationsFragment | null>>(query, variables, 'PlannerAllocations');
  const failed = failedMemberIds(answer.errors);
  const allocations: MemberAllocationData[] = [];
  const unreadable = new Map<string, string>();
  memberIds.forEach((memberId, i) => {
    const member = answer.data?.[`m${i}`];
    if (!member?.allocations) {
      unreadable.set(memberId, failed.get(memberId) ?? (describeErrors(answer.errors) || 'allocations not readable'));
      return;
    }
    for (const a of member.allocations) allocations.push({ ...a, memberId });
  });
  return { allocations, unreadable };
}

/** Creates (idempotently) the allocations on one member; returns their statuses there. */
export async function proposeToMember(gateway: GatewayClient, memberId: string, input: readonly AllocationInput[]): Promise<Map<string, string>> {
  const answer = await gateway.send(PlannerProposeAllocationsDocument, {
    memberId,
    input: input.map((a) => ({ ...a, hours: Math.round(a.hours * 1000) / 1000 })),
  });
  if (!answer.data?.proposeAllocations) throw new Error(describeErrors(answer.errors) || 'no answer');
  return new Map(answer.data.proposeAllocations.map((a) => [a.id, a.status]));
}

export type WithdrawOutcome = { ok: true; status: string } | { ok: false; refused: boolean; message: string };

/**
 * Takes one allocation back from its member. `refused` when the member answered no for good
 * (CONFLICT: work under way; NOT_FOUND: it never had it); otherwise a failure is worth retrying.
 */
export async function withdrawFromMember(gateway: GatewayClient, memberId: string, id: string, reason: string): Promise<WithdrawOutcome> {
  const answer = await gateway.send(PlannerWithdrawAllocationDocument, { memberId, id, reason });
  if (answer.data?.withdrawAllocation) return { ok: true, status: answer.data.withdrawAllocation.status };
  const code = answer.errors[0]?.extensions?.['code'];
  return {
    ok: false,
    refused: code === ClusterErrorCode.CONFLICT || code === ClusterErrorCode.NOT_FOUND,
    message: describeErrors(answer.errors) || 'no answer',
  };
}
