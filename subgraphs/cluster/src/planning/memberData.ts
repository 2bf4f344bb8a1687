import type { ProcessType } from '../solver/index.ts';
import { describeErrors, failedMemberIds, PlanningUnavailableError, type GatewayClient } from './gatewayClient.ts';

/**
 * What the planner reads from and writes to the members, always through the gateway (so
 * each member's sharing policies decide and its usage ledger records the read).
 */

export interface CapacityBucketData {
  process: ProcessType;
  weekStart: string;
  actualHours: number;
  maximumHours: number;
  committedHours: number;
  availableHours: number;
  flexibleHours: number;
  pricePerHour: number | null;
}

export interface MemberCapacityData {
  id: string;
  region: string | null;
  capabilities: Array<{ process: ProcessType; certifications: string[] }>;
  capacity: CapacityBucketData[];
}

export interface ClusterCapacity {
  members: MemberCapacityData[];
  /** ACTIVE members whose capabilities or capacity could not be read, with why. */
  unreadable: Map<string, string>;
}

const CAPACITY_QUERY = /* GraphQL */ `
  query PlannerCapacity($from: Date!, $to: Date!, $process: ProcessType) {
    members(status: ACTIVE) {
      id
      region
      capabilities {
        process
        certifications
      }
      capacity(from: $from, to: $to, process: $process) {
        process
        weekStart
        actualHours
        maximumHours
        committedHours
        availableHours
        flexibleHours
        pricePerHour
      }
    }
  }
`;

interface CapacityAnswer {
  members: Array<{
    id: string;
    region: string | null;
    capabilities: MemberCapacityData['capabilities'] | null;
    capacity: CapacityBucketData[] | null;
  }>;
}

/** Capabilities and weekly capacity of every ACTIVE member for [from, to]. */
export async function readClusterCapacity(gateway: GatewayClient, range: { from: string; to: string; process?: ProcessType | null }): Promise<ClusterCapacity> {
  const answer = await gateway.request<CapacityAnswer>(CAPACITY_QUERY, { from: range.from, to: range.to, process: range.process ?? null }, 'PlannerCapacity');
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

export interface MemberAllocationData {
  memberId: string;
  id: string;
  jointOrderId: string;
  operationIndex: number;
  status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'IN_PROGRESS' | 'DONE' | 'WITHDRAWN';
  quantity: number;
  goodQuantity: number;
  scrapQuantity: number;
  declineReason: string | null;
  withdrawReason: string | null;
  /** Set while the member's capacity no longer covers this accepted allocation. */
  capacityConflict: { cause: string; reason: string; shortHours: number } | null;
}

export interface AllocationsRead {
  allocations: MemberAllocationData[];
  /** Members whose allocations could not be read (down, or ORDERS not shared with the leader). */
  unreadable: Map<string, string>;
}

/** The allocations of the given members (all of them; the caller filters by joint order). */
export async function readMemberAllocations(gateway: GatewayClient, memberIds: readonly string[]): Promise<AllocationsRead> {
  if (memberIds.length === 0) return { allocations: [], unreadable: new Map() };
  const variables: Record<string, string> = {};
  const fields = memberIds.map((id, i) => {
    variables[`m${i}`] = id;
    return `m${i}: member(id: $m${i}) { id allocations { id jointOrderId operationIndex status quantity goodQuantity scrapQuantity declineReason withdrawReason capacityConflict { cause reason shortHours } } }`;
  });
  const query = `query PlannerAllocations(${memberIds.map((_, i) => `$m${i}: ID!`).join(', ')}) { ${fields.join(' ')} }`;
  const answer = await gateway.request<Record<string, { id: string; allocations: Array<Omit<MemberAllocationData, 'memberId'>> | null } | null>>(
    query,
    variables,
    'PlannerAllocations',
  );
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

export interface AllocationProposal {
  id: string;
  jointOrderId: string;
  operationIndex: number;
  process: ProcessType;
  weekStart: string;
  quantity: number;
  hours: number;
}

const PROPOSE_MUTATION = /* GraphQL */ `
  mutation PlannerProposeAllocations($memberId: ID!, $input: [AllocationInput!]!) {
    proposeAllocations(memberId: $memberId, input: $input) {
      id
      status
    }
  }
`;

/** Creates (idempotently) the allocations on one member; returns their statuses there. */
export async function proposeToMember(gateway: GatewayClient, memberId: string, input: readonly AllocationProposal[]): Promise<Map<string, string>> {
  const answer = await gateway.request<{ proposeAllocations: Array<{ id: string; status: string }> | null }>(
    PROPOSE_MUTATION,
    { memberId, input: input.map((a) => ({ ...a, hours: Math.round(a.hours * 1000) / 1000 })) },
    'PlannerProposeAllocations',
  );
  if (!answer.data?.proposeAllocations) throw new Error(describeErrors(answer.errors) || 'no answer');
  return new Map(answer.data.proposeAllocations.map((a) => [a.id, a.status]));
}

const WITHDRAW_MUTATION = /* GraphQL */ `
  mutation PlannerWithdrawAllocation($memberId: ID!, $id: ID!, $reason: String) {
    withdrawAllocation(memberId: $memberId, id: $id, reason: $reason) {
      id
      status
    }
  }
`;

export type WithdrawOutcome = { ok: true; status: string } | { ok: false; refused: boolean; message: string };

/**
 * Takes one allocation back from its member. `refused` when the member answered no for good
 * (CONFLICT: work under way; NOT_FOUND: it never had it); otherwise a failure is worth retrying.
 */
export async function withdrawFromMember(gateway: GatewayClient, memberId: string, id: string, reason: string): Promise<WithdrawOutcome> {
  const answer = await gateway.request<{ withdrawAllocation: { id: string; status: string } | null }>(
    WITHDRAW_MUTATION,
    { memberId, id, reason },
    'PlannerWithdrawAllocation',
  );
  if (answer.data?.withdrawAllocation) return { ok: true, status: answer.data.withdrawAllocation.status };
  const code = answer.errors[0]?.extensions?.['code'];
  return { ok: false, refused: code === 'CONFLICT' || code === 'NOT_FOUND', message: describeErrors(answer.errors) || 'no answer' };
}
