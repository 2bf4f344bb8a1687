import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { ClusterProfile } from '../config.ts';
import { MemberRow } from '../db/schema.ts';
import { SupportProgrammeValue, ProgrammeSupplierValue } from '../programmes/model.ts';
import { JointOrderRow, ProductionPlanRow, PlannedAllocationRow } from '../db/planning.ts';
import { NeighbourAssignmentValue } from '../planning/allocationProposal.ts';
import { ClusterContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with time zone. */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * Resolved by the member's subgraph (routed by memberId); this subgraph adds what the leader's
 * plan says about the work (proposal).
 */
export type Allocation = {
  __typename?: 'Allocation';
  id: Scalars['ID']['output'];
  memberId: Scalars['ID']['output'];
  /**
   * The leader's proposal of this allocation as its plan made it: the order, the price, and the
   * operations before and after this one with who does them — what the firm needs to decide. For
   * the allocated firm's users and the leader's (FORBIDDEN for anyone else); null when no plan of
   * the cluster has this allocation.
   */
  proposal: Maybe<AllocationProposal>;
};

/** The order context of one allocation, from the plan version that last had it. */
export type AllocationProposal = {
  __typename?: 'AllocationProposal';
  customer: Scalars['String']['output'];
  dueDate: Scalars['Date']['output'];
  jointOrderId: Scalars['ID']['output'];
  /** The routing's operation after this one (null for the last). */
  nextOperation: Maybe<NeighbourOperation>;
  orderCode: Scalars['String']['output'];
  /** The whole order's quantity (the allocation's own quantity is on the allocation). */
  orderQuantity: Scalars['Int']['output'];
  planId: Scalars['ID']['output'];
  planVersion: Scalars['Int']['output'];
  /** The routing's operation before this one (null for the first). */
  previousOperation: Maybe<NeighbourOperation>;
  /** What the plan prices this allocation at (its hours at the member's price per hour, setup included). */
  price: Scalars['Float']['output'];
  pricePerHour: Scalars['Float']['output'];
  product: Scalars['String']['output'];
};

export type AllocationWithdrawal = {
  __typename?: 'AllocationWithdrawal';
  /** The last failed attempt's answer. */
  error: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  requestedAt: Scalars['DateTime']['output'];
  state: WithdrawalState;
  withdrawnAt: Maybe<Scalars['DateTime']['output']>;
};

export type Cluster = {
  __typename?: 'Cluster';
  id: Scalars['ID']['output'];
  industry: Scalars['String']['output'];
  /** The member that leads the cluster and runs this subgraph. */
  leaderId: Maybe<Scalars['ID']['output']>;
  /** Members currently ACTIVE (applicants and suspended firms are not counted). */
  memberCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type CreateJointOrderInput = {
  code: Scalars['String']['input'];
  customer: Scalars['String']['input'];
  dueDate: Scalars['Date']['input'];
  priority?: InputMaybe<Scalars['Int']['input']>;
  product: Scalars['String']['input'];
  quantity: Scalars['Int']['input'];
  routing: Array<OperationInput>;
};

export type DemandCapacityBucket = {
  __typename?: 'DemandCapacityBucket';
  /** Summed over ACTIVE members whose capacity could be read. */
  actualHours: Scalars['Float']['output'];
  availableHours: Scalars['Float']['output'];
  committedHours: Scalars['Float']['output'];
  /** Hours of open joint orders' operations in this week. */
  demandHours: Scalars['Float']['output'];
  flexibleHours: Scalars['Float']['output'];
  /** e.g. 2026-W48 */
  isoWeek: Scalars['String']['output'];
  maximumHours: Scalars['Float']['output'];
  /** Members whose capacity for this process counted. */
  memberIds: Array<Scalars['ID']['output']>;
  process: ProcessType;
  status: DemandCapacityStatus;
  /** actual − demand (negative in a bottleneck). */
  surplusHours: Scalars['Float']['output'];
  /**
   * Member capacity rows left out of this bucket because they are out of bounds (not finite,
   * negative, actual above maximum, beyond 168 h × 1,000 lines, a week that is not a Monday),
   * one sentence each naming the member; empty when every row counted.
   */
  warnings: Array<Scalars['String']['output']>;
  /** Monday of the ISO week. */
  weekStart: Scalars['Date']['output'];
};

/** DCM status of one week: demand ≤ actual → OK; ≤ maximum → BOTTLENECK_FLEXIBLE; above → BOTTLENECK. */
export type DemandCapacityStatus =
  | 'BOTTLENECK'
  | 'BOTTLENECK_FLEXIBLE'
  | 'OK';

/** A customer order split by operation across members. */
export type JointOrder = {
  __typename?: 'JointOrder';
  cancelReason: Maybe<Scalars['String']['output']>;
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** The plan in force (the last one made for this order), if any. */
  currentPlan: Maybe<ProductionPlan>;
  customer: Scalars['String']['output'];
  dueDate: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  /** Every plan version that covered this order, newest first. */
  plans: Array<ProductionPlan>;
  /** Multiplies the lateness penalty (1 = normal). */
  priority: Scalars['Int']['output'];
  product: Scalars['String']['output'];
  /** Per operation: quantity allocated, accepted and reported good by the members. */
  progress: Array<OperationProgress>;
  quantity: Scalars['Int']['output'];
  /** Ordered operations. */
  routing: Array<Operation>;
  status: JointOrderStatus;
  /** What the leader can do when the current plan has no valid plan for this order. */
  suggestions: Array<PlanSuggestion>;
  updatedAt: Scalars['DateTime']['output'];
  /** Why the current plan has no valid plan for this order (empty when it has one): the rules the candidate plan broke. */
  violations: Array<PlanViolation>;
};

export type JointOrderStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'DONE'
  | 'DRAFT'
  | 'IN_PRODUCTION'
  | 'PLANNED'
  | 'PROPOSED';

/** A firm in the cluster. The cluster subgraph owns its registry entry; each member's own subgraph adds its shop-floor data. */
export type Member = {
  __typename?: 'Member';
  /** Processes the firm said it runs when it applied (its lines and capabilities say what it runs now). */
  appliedProcesses: Array<ProcessType>;
  /** Copies of the firm's data the cluster had deleted after a move (the hosted copy), newest first. For the leader's admins and the firm's own users; empty for anyone else. */
  copyDeletions: Array<MemberCopyDeletion>;
  /**
   * Its member subgraph's GraphQL URL, for the leader's admins and the firm's own users (null for
   * anyone else, and for a HOSTED applicant until the member host has provisioned it).
   */
  endpoint: Maybe<Scalars['String']['output']>;
  /** Where its member subgraph runs: on the cluster's member host, or on the firm's own server. */
  hosting: MemberHosting;
  id: Scalars['ID']['output'];
  joinedAt: Scalars['DateTime']['output'];
  /** The firm's own name in its own script (e.g. 한빛EV시스템), when it has one; clients show it to Korean readers. */
  localName: Maybe<Scalars['String']['output']>;
  /** The firm's name in Latin letters (romanised), as contracts and other systems know it. */
  name: Scalars['String']['output'];
  region: Maybe<Scalars['String']['output']>;
  /** Roles the firm asked for when it applied: a request, granted or not by approveMember. */
  requestedRoles: Array<MemberRole>;
  /** Roles the leader granted (empty until approval). Only these reach a viewer's memberRoles. */
  roles: Array<MemberRole>;
  status: MemberStatus;
  /**
   * Why the member is SUSPENDED, QUARANTINED or REJECTED, or why its approval failed while it is
   * PENDING. For a PENDING or REJECTED firm only the leader's admins and the firm itself see it.
   */
  statusReason: Maybe<Scalars['String']['output']>;
  /**
   * Where the firm's current member server stands in a move, as the cluster reads it from the
   * server's member check (README "Leaving a cluster"): SERVING, MOVING (writes refused, its last
   * seq final) or MOVED. For the leader's admins and the firm's own users; null for anyone else and
   * when the server does not answer.
   */
  transfer: Maybe<MemberServerTransfer>;
};

/** The deletion of a firm's hosted copy after its move, as the cluster recorded it. */
export type MemberCopyDeletion = {
  __typename?: 'MemberCopyDeletion';
  /** When the member host deleted it, by the host's own record. */
  deletedAt: Scalars['DateTime']['output'];
  /** Who had it deleted (the firm's admin or the leader's). */
  deletedBy: Scalars['String']['output'];
  /** The endpoint the deleted copy was served at (the member host's). */
  endpoint: Scalars['String']['output'];
  /** What the member host answered, as JSON (its deletion record). */
  hostRecord: Scalars['String']['output'];
  memberId: Scalars['ID']['output'];
  /** When the cluster recorded the deletion. */
  recordedAt: Scalars['DateTime']['output'];
};

/** Where a member's subgraph runs. */
export type MemberHosting =
  /** The cluster's member host serves the firm's subgraph; it is provisioned when the leader approves. */
  | 'HOSTED'
  /** The firm runs its own member server (the standard's SDL) at its endpoint. */
  | 'SELF_HOSTED';

/** LEADER runs the cluster and splits joint orders; PARTNER takes allocations; ANCHOR is a large firm supporting its suppliers. */
export type MemberRole =
  | 'ANCHOR'
  | 'LEADER'
  | 'PARTNER';

/** A member server's transfer state, read by the cluster from its member check. */
export type MemberServerTransfer = {
  __typename?: 'MemberServerTransfer';
  /** The last line-event seq the server holds; while MOVING nothing comes after it. */
  lastEventSeq: Scalars['Int']['output'];
  /** When the server entered this state. */
  since: Scalars['DateTime']['output'];
  state: MemberTransferState;
};

export type MemberStatus =
  | 'ACTIVE'
  | 'PENDING'
  | 'QUARANTINED'
  /** The leader refused the application (statusReason says why). */
  | 'REJECTED'
  | 'SUSPENDED';

/**
 * Where a firm's member server stands in a move (the member subgraph's own MemberTransferStatus,
 * as the cluster reads it). SERVING: as always. MOVING: writes and line-event ingest are refused
 * (MEMBER_MOVING) while reads are still served, so an export taken now is final. MOVED: this copy
 * was deleted after the move; it serves nothing of the firm (MEMBER_MOVED).
 */
export type MemberTransferState =
  | 'MOVED'
  | 'MOVING'
  | 'SERVING';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Makes a member ACTIVE and grants it `roles`. Without `roles`, a first approval grants the
   * roles the firm asked for and a re-approval keeps the roles granted before. A HOSTED applicant
   * is provisioned on the member host first; if that fails it stays PENDING and the error says why.
   */
  approveMember: Member;
  /** Cancels an order that is not yet in production; its allocations on the members are withdrawn. */
  cancelJointOrder: JointOrder;
  createJointOrder: JointOrder;
  /** Start a support programme over suppliers in the cluster (the anchor's admins only). */
  createSupportProgramme: SupportProgramme;
  /**
   * Deletes a HOSTED firm's copy on the member host after its move and records the deletion
   * (who, when, the host's record); the firm becomes SELF_HOSTED. The firm's own admins or the
   * leader's, only once its endpoint no longer points at the host (HOSTED_COPY_IN_USE otherwise).
   */
  deleteHostedCopy: MemberCopyDeletion;
  /** Plans one order (HiGHS, in a worker thread); a new plan version. */
  planJointOrder: ProductionPlan;
  /** Plans several orders together: they compete for the same capacity. */
  planJointOrders: ProductionPlan;
  /** Creates the plan's allocations on the members (through the gateway); its orders become PROPOSED. Idempotent. */
  proposePlan: ProductionPlan;
  /** Set by the gateway when a member's SDL does not match the standard. */
  quarantineMember: Member;
  /**
   * A firm applies to join; it is PENDING until the leader approves it. An applicant (signed in
   * as `applicant@<id>`, or with its identity provider's applicant claim) applies for its own id
   * only, once.
   */
  registerMember: Member;
  /** Refuses an application (PENDING, or REJECTED again with a new reason): REJECTED, with the reason the applicant sees. */
  rejectMember: Member;
  suspendMember: Member;
  /** Edits an order while DRAFT or PLANNED; a PLANNED order goes back to DRAFT (its plan is stale). */
  updateJointOrder: JointOrder;
  /**
   * Moves a member's subgraph to a new endpoint (routed without a gateway restart), after the
   * cluster checked it: the new server answers (MEMBER_UNREACHABLE), serves the member standard
   * (SDL_MISMATCH), is the same firm (its MEMBER_ID, MEMBER_ID_MISMATCH) and holds the firm's data (its
   * last line-event seq is the MOVING copy's, DATA_MISMATCH); `extensions.field` names the input.
   * The current copy must be MOVING (beginMemberMove; MEMBER_NOT_MOVING otherwise). The leader's
   * admins may move any member (when the current copy does not answer, without the data check);
   * a firm's own admins their own ACTIVE firm only. Nothing changes on a refusal.
   */
  updateMemberEndpoint: Member;
};


export type MutationApproveMemberArgs = {
  id: Scalars['ID']['input'];
  roles?: InputMaybe<Array<MemberRole>>;
};


export type MutationCancelJointOrderArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateJointOrderArgs = {
  input: CreateJointOrderInput;
};


export type MutationCreateSupportProgrammeArgs = {
  input: SupportProgrammeInput;
};


export type MutationDeleteHostedCopyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPlanJointOrderArgs = {
  id: Scalars['ID']['input'];
  options?: InputMaybe<PlanOptions>;
};


export type MutationPlanJointOrdersArgs = {
  ids: Array<Scalars['ID']['input']>;
  options?: InputMaybe<PlanOptions>;
};


export type MutationProposePlanArgs = {
  planId: Scalars['ID']['input'];
};


export type MutationQuarantineMemberArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRegisterMemberArgs = {
  input: RegisterMemberInput;
};


export type MutationRejectMemberArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSuspendMemberArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationUpdateJointOrderArgs = {
  id: Scalars['ID']['input'];
  input: UpdateJointOrderInput;
};


export type MutationUpdateMemberEndpointArgs = {
  endpoint: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};

export type NeighbourAssignment = {
  __typename?: 'NeighbourAssignment';
  member: Member;
  memberId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  weekStart: Scalars['Date']['output'];
};

/** An operation next to an allocation's in the routing, and who does it in the plan. */
export type NeighbourOperation = {
  __typename?: 'NeighbourOperation';
  assignments: Array<NeighbourAssignment>;
  operationIndex: Scalars['Int']['output'];
  process: ProcessType;
  /** Days to move this operation's output to a different member for the next one. */
  transportDaysToNext: Scalars['Int']['output'];
};

export type Operation = {
  __typename?: 'Operation';
  certification: Maybe<Scalars['String']['output']>;
  hoursPerUnit: Scalars['Float']['output'];
  /** Position in the routing, from 0. */
  index: Scalars['Int']['output'];
  minLotSize: Scalars['Int']['output'];
  process: ProcessType;
  /** Setup hours per lot (per member and week that gets work). */
  setupHours: Scalars['Float']['output'];
  /** Days to move the output to a different member for the next operation. */
  transportDaysToNext: Scalars['Int']['output'];
};

export type OperationInput = {
  certification?: InputMaybe<Scalars['String']['input']>;
  hoursPerUnit: Scalars['Float']['input'];
  minLotSize?: InputMaybe<Scalars['Int']['input']>;
  process: ProcessType;
  setupHours?: InputMaybe<Scalars['Float']['input']>;
  transportDaysToNext?: InputMaybe<Scalars['Int']['input']>;
};

export type OperationProgress = {
  __typename?: 'OperationProgress';
  /** Accepted (or under way, or done) by the members. */
  acceptedQuantity: Scalars['Int']['output'];
  goodQuantity: Scalars['Int']['output'];
  operationIndex: Scalars['Int']['output'];
  /** In the current plan. */
  plannedQuantity: Scalars['Int']['output'];
  process: ProcessType;
  /** goodQuantity / quantity, 0..1. */
  progress: Scalars['Float']['output'];
  quantity: Scalars['Int']['output'];
  scrapQuantity: Scalars['Int']['output'];
};

/** One difference between two plan versions, per order, operation, member and week. */
export type PlanChange = {
  __typename?: 'PlanChange';
  hoursAfter: Scalars['Float']['output'];
  hoursBefore: Scalars['Float']['output'];
  jointOrderId: Scalars['ID']['output'];
  kind: PlanChangeKind;
  memberId: Scalars['ID']['output'];
  operationIndex: Scalars['Int']['output'];
  process: ProcessType;
  quantityAfter: Scalars['Int']['output'];
  quantityBefore: Scalars['Int']['output'];
  weekStart: Scalars['Date']['output'];
};

export type PlanChangeKind =
  | 'ADDED'
  | 'CHANGED'
  | 'REMOVED';

export type PlanCostBreakdown = {
  __typename?: 'PlanCostBreakdown';
  /** Penalty money, not paid: late days × weight × priority. */
  lateness: Scalars['Float']['output'];
  production: Scalars['Float']['output'];
  /** Penalty money, not paid: extra members per operation × weight. */
  split: Scalars['Float']['output'];
  transport: Scalars['Float']['output'];
};

export type PlanOptions = {
  excludeMemberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  maxMembersPerOperation?: InputMaybe<Scalars['Int']['input']>;
  /** Relative gap at which the search stops. Default 0.001. */
  mipGap?: InputMaybe<Scalars['Float']['input']>;
  /** Wall-clock budget of the solver. Default 10, at most 120. */
  timeLimitSeconds?: InputMaybe<Scalars['Float']['input']>;
  weights?: InputMaybe<PlanWeightsInput>;
};

export type PlanOrderOutcome = {
  __typename?: 'PlanOrderOutcome';
  completionDate: Maybe<Scalars['Date']['output']>;
  jointOrderId: Scalars['ID']['output'];
  lateDays: Scalars['Int']['output'];
  planned: Scalars['Boolean']['output'];
};

export type PlanStatus =
  /** Made, not yet sent to the members. */
  | 'DRAFT'
  /** Some order has no valid plan in it (see violations and suggestions); never proposed. */
  | 'INFEASIBLE'
  /** Allocations created on the members. */
  | 'PROPOSED'
  /** A newer version replaced it. */
  | 'SUPERSEDED';

export type PlanSuggestion = {
  __typename?: 'PlanSuggestion';
  /** ACCEPT_LATENESS: when a plan without the fixed work completes. */
  completionDate: Maybe<Scalars['Date']['output']>;
  /** EXTEND_DUE_DATE: the suggested due date. */
  dueDate: Maybe<Scalars['Date']['output']>;
  jointOrderId: Scalars['ID']['output'];
  kind: PlanSuggestionKind;
  /** ALLOW_MEMBER: the member (null: no member has it, admit a new partner). */
  memberId: Maybe<Scalars['ID']['output']>;
  message: Scalars['String']['output'];
  process: Maybe<ProcessType>;
};

export type PlanSuggestionKind =
  /** Let fixed work move (withdraw it and plan again): the order completes late. */
  | 'ACCEPT_LATENESS'
  /** A member to allow (excluded, or lacking the certification), or another partner to admit. */
  | 'ALLOW_MEMBER'
  /** A later due date: the one the members' free hours could meet (an estimate). */
  | 'EXTEND_DUE_DATE';

/** Why a plan version was made. */
export type PlanTrigger =
  /** A member's capacity no longer covers an allocation it had accepted. */
  | 'CAPACITY_CHANGE'
  /** A member declined an allocation of the previous version. */
  | 'DECLINE'
  | 'MANUAL';

export type PlanViolation = {
  __typename?: 'PlanViolation';
  jointOrderId: Scalars['ID']['output'];
  kind: PlanViolationKind;
  memberId: Maybe<Scalars['ID']['output']>;
  message: Scalars['String']['output'];
  /** Numbered from 0, like Operation.index. */
  operationIndex: Maybe<Scalars['Int']['output']>;
  process: Maybe<ProcessType>;
  weekStart: Maybe<Scalars['Date']['output']>;
};

/** A rule of every plan (checked by the planner's one validator before a plan is stored as proposable, proposed or shown). */
export type PlanViolationKind =
  /** A member without the process or certification, or excluded from the plan. */
  | 'CAPABILITY'
  /** More hours in a member's process and week than it has free (other orders' work already taken off). */
  | 'CAPACITY'
  /** More new work in the current week than the hours left in it (the week's hours spread over Monday–Friday). */
  | 'CURRENT_WEEK_HOURS'
  /** A lot below the operation's minimum lot size. */
  | 'MIN_LOT'
  /** New work in a week already over. */
  | 'PAST_WEEK'
  /** A fixed (pinned) allocation moved, shrank or disappeared. */
  | 'PIN'
  /** An operation's quantities do not add up to the order quantity in whole units. */
  | 'QUANTITY'
  /** An operation's input is not there in time: from the same member the same week on, from another member after the transport weeks (transportDaysToNext ÷ 7, rounded up). */
  | 'ROUTING_ORDER';

export type PlanWeightsInput = {
  /** Multiplier on production cost. Default 1. */
  cost?: InputMaybe<Scalars['Float']['input']>;
  /** Money per late day per order (times priority). Default 1000. */
  lateness?: InputMaybe<Scalars['Float']['input']>;
  /** Money per extra member an operation is split across. Default 500. */
  split?: InputMaybe<Scalars['Float']['input']>;
  /** Multiplier on transport cost. Default 1. */
  transport?: InputMaybe<Scalars['Float']['input']>;
};

export type PlannedAllocation = {
  __typename?: 'PlannedAllocation';
  /**
   * The allocation on the member (same id), resolved by the member's own subgraph under the
   * reader's identity and purpose: its live status, progress and delayRisk. Null before the
   * plan is proposed (NOT_PROPOSED). Reading it needs ORDERS from that member (delayRisk also
   * AI_INSIGHTS) for the request's purpose; a member that withholds answers FORBIDDEN for its
   * part only.
   */
  allocation: Maybe<Allocation>;
  /** The Allocation's id on the member (kept across versions for allocations a re-plan kept). */
  allocationId: Scalars['ID']['output'];
  /**
   * The member's capacity-conflict mark as last read: this accepted allocation no longer fits its
   * capacity (a cut, or a line of the process DOWN too long). A re-plan moves it and withdraws it.
   */
  capacityConflict: Maybe<Scalars['String']['output']>;
  cost: Scalars['Float']['output'];
  declineReason: Maybe<Scalars['String']['output']>;
  goodQuantity: Scalars['Int']['output'];
  hours: Scalars['Float']['output'];
  jointOrderId: Scalars['ID']['output'];
  member: Member;
  memberId: Scalars['ID']['output'];
  operationIndex: Scalars['Int']['output'];
  process: ProcessType;
  quantity: Scalars['Int']['output'];
  scrapQuantity: Scalars['Int']['output'];
  status: PlannedAllocationStatus;
  weekStart: Scalars['Date']['output'];
  /** Set when the cluster takes this allocation back from its member (a re-plan moved it, or the order was cancelled). */
  withdrawal: Maybe<AllocationWithdrawal>;
};

/** The member's answer as the cluster last saw it; NOT_PROPOSED until the plan is proposed. */
export type PlannedAllocationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'NOT_PROPOSED'
  | 'PROPOSED';

export type ProcessType =
  | 'ASSEMBLY'
  | 'CASTING'
  | 'CNC_MACHINING'
  | 'FORGING'
  | 'HEAT_TREATMENT'
  | 'INJECTION_MOLDING'
  | 'INSPECTION'
  | 'PACKAGING'
  | 'PAINTING'
  | 'PRESSING'
  | 'SURFACE_TREATMENT'
  | 'WELDING';

export type ProductionPlan = {
  __typename?: 'ProductionPlan';
  allocations: Array<PlannedAllocation>;
  bestBound: Maybe<Scalars['Float']['output']>;
  /** Allocations added, removed or changed against the previous version (empty for a first plan). */
  changes: Array<PlanChange>;
  completionDate: Maybe<Scalars['Date']['output']>;
  costBreakdown: PlanCostBreakdown;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** Bottlenecks, binding constraints, why an order is infeasible or late, what the solver did. */
  explanation: Array<Scalars['String']['output']>;
  gap: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  infeasibleOrderIds: Array<Scalars['ID']['output']>;
  jointOrderIds: Array<Scalars['ID']['output']>;
  lateDays: Scalars['Int']['output'];
  maxLateDays: Scalars['Int']['output'];
  objective: Scalars['Float']['output'];
  orders: Array<PlanOrderOutcome>;
  /** The version this one replaced. */
  previousPlanId: Maybe<Scalars['ID']['output']>;
  proposedAt: Maybe<Scalars['DateTime']['output']>;
  /** OPTIMAL, TIME_LIMIT, INFEASIBLE, GREEDY_FALLBACK, GREEDY or EMPTY. */
  solverStatus: Scalars['String']['output'];
  status: PlanStatus;
  /** What the leader can do about the infeasible orders. */
  suggestions: Array<PlanSuggestion>;
  /** Production plus transport cost. */
  totalCost: Scalars['Float']['output'];
  trigger: PlanTrigger;
  /** 1 for an order's first plan, then one more per re-plan. */
  version: Scalars['Int']['output'];
  /** Rules the candidate plan broke (its orders are in infeasibleOrderIds, the plan is INFEASIBLE and never proposed). */
  violations: Array<PlanViolation>;
};

/** Whole ISO weeks, Monday of the first to Sunday of the last. */
export type ProgrammePeriod = {
  __typename?: 'ProgrammePeriod';
  from: Scalars['Date']['output'];
  to: Scalars['Date']['output'];
  weeks: Scalars['Int']['output'];
};

export type ProgrammeSupplier = {
  __typename?: 'ProgrammeSupplier';
  joinedAt: Scalars['DateTime']['output'];
  member: Member;
  /** Level then and now and KPI changes, computed on the supplier; null when the supplier is unavailable. */
  progress: Maybe<SupplierProgress>;
};

export type Query = {
  __typename?: 'Query';
  /** The cluster this graph serves: its name, region and industry. */
  cluster: Cluster;
  /**
   * Demand of open joint orders against the summed capacity of ACTIVE members, per process and
   * ISO week (Catena-X DCM rule). Capacity is read through the gateway as the leader, purpose JOINT_PLANNING.
   */
  demandCapacity: Array<DemandCapacityBucket>;
  /** One joint order; reading it also picks up the members' answers to its allocations. */
  jointOrder: Maybe<JointOrder>;
  /** Joint orders of the cluster, newest first (the leader's users only). */
  jointOrders: Array<JointOrder>;
  /** Who is asking: the signed-in person and their firm; null when anonymous. */
  me: Maybe<Viewer>;
  member: Maybe<Member>;
  /** Registered members, optionally filtered by role and status. */
  members: Array<Member>;
  /** A stored plan version. */
  productionPlan: Maybe<ProductionPlan>;
  /** The gateway's routing table: every member's endpoint. Not exposed through the gateway. */
  routingTable: Array<RoutingEntry>;
  /** Support programmes the viewer's firm runs (as anchor), takes part in (as supplier) or, for the cluster leader, all; narrowed to one anchor with anchorId. */
  supportProgrammes: Array<SupportProgramme>;
};


export type QueryDemandCapacityArgs = {
  from: Scalars['Date']['input'];
  process?: InputMaybe<ProcessType>;
  to: Scalars['Date']['input'];
};


export type QueryJointOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJointOrdersArgs = {
  status?: InputMaybe<JointOrderStatus>;
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMembersArgs = {
  role?: InputMaybe<MemberRole>;
  status?: InputMaybe<MemberStatus>;
};


export type QueryProductionPlanArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySupportProgrammesArgs = {
  anchorId?: InputMaybe<Scalars['ID']['input']>;
};

export type RegisterMemberInput = {
  /** SELF_HOSTED only (required there): the member subgraph's GraphQL URL, e.g. https://mes.example-casting.kr/graphql */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  /** HOSTED: the cluster's member host serves the firm (no endpoint); SELF_HOSTED: the firm's own server at `endpoint`. */
  hosting?: InputMaybe<MemberHosting>;
  /** Stable id (lowercase letters, digits, hyphens). Derived from the name when omitted. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The firm's name in its own script (한빛EV시스템), beside the romanised `name`. */
  localName?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** Processes the firm runs (the standard's list); the member host starts a HOSTED firm with them. */
  processes?: InputMaybe<Array<ProcessType>>;
  region?: InputMaybe<Scalars['String']['input']>;
  /** The roles the firm asks for; the leader decides which it gets when approving. */
  roles: Array<MemberRole>;
};

export type RoutingEntry = {
  __typename?: 'RoutingEntry';
  /** Null for a HOSTED applicant the member host has not provisioned yet. */
  endpoint: Maybe<Scalars['String']['output']>;
  memberId: Scalars['ID']['output'];
  /** The member's display name, for the gateway's logs and errors. */
  name: Scalars['String']['output'];
  /** The gateway routes some fields by role (e.g. the leader's planning calls). */
  roles: Array<MemberRole>;
  status: MemberStatus;
};

/** Resolved by the supplier's member subgraph (routed by memberId); this subgraph only hands over the key. */
export type SupplierProgress = {
  __typename?: 'SupplierProgress';
  baselineFrom: Scalars['Date']['output'];
  baselineTo: Scalars['Date']['output'];
  currentFrom: Scalars['Date']['output'];
  currentTo: Scalars['Date']['output'];
  memberId: Scalars['ID']['output'];
  programmeId: Scalars['ID']['output'];
};

/**
 * An ANCHOR member's programme supporting its suppliers' move up the smart-factory ladder
 * ("win-win" factories). The cluster subgraph keeps the programme, its suppliers and its
 * periods; each supplier's level and KPIs are computed on the supplier's own subgraph
 * (SupplierProgress), read under the reader's identity, and withheld where the supplier's
 * policies do not share AI_INSIGHTS.
 */
export type SupportProgramme = {
  __typename?: 'SupportProgramme';
  anchor: Member;
  /** The weeks before startDate the KPIs are compared against. */
  baseline: ProgrammePeriod;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** The last complete weeks (as many as the baseline), compared with it. */
  current: ProgrammePeriod;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The first day of the programme (a Monday). */
  startDate: Scalars['Date']['output'];
  suppliers: Array<ProgrammeSupplier>;
};

export type SupportProgrammeInput = {
  /** The anchor running the programme; default the viewer's firm. */
  anchorId?: InputMaybe<Scalars['ID']['input']>;
  /** Weeks in the baseline and in the current period (1–26, default 4). */
  baselineWeeks?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  /** A Monday; default this week's Monday. The baseline is the weeks before it. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** Registered, active members other than the anchor. */
  supplierIds: Array<Scalars['ID']['input']>;
};

/** Omitted fields keep their value; routing, when given, replaces the whole routing. */
export type UpdateJointOrderInput = {
  code?: InputMaybe<Scalars['String']['input']>;
  customer?: InputMaybe<Scalars['String']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  priority?: InputMaybe<Scalars['Int']['input']>;
  product?: InputMaybe<Scalars['String']['input']>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  routing?: InputMaybe<Array<OperationInput>>;
};

/** The signed-in person as the gateway established it from their token. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The viewer's firm. */
  member: Maybe<Member>;
  memberId: Scalars['ID']['output'];
  /** Cluster roles of their firm, from the registry. */
  memberRoles: Array<MemberRole>;
  /** Roles within their firm: admin, planner, … */
  roles: Array<Scalars['String']['output']>;
  userId: Scalars['String']['output'];
};

export type WithdrawalState =
  /** Requested, not yet confirmed by the member (retried by the reconciler). */
  | 'PENDING'
  /** The member said no (work under way); see error. */
  | 'REFUSED'
  /** The member has it as WITHDRAWN; its hours left the member's committedHours. */
  | 'WITHDRAWN';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Allocation: Allocation;
  JointOrder: JointOrder;
  Member: Member;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Allocation:
    ( { __typename: 'Allocation' }
    & GraphQLRecursivePick<FederationTypes['Allocation'], {"memberId":true,"id":true}> );
  JointOrder:
    ( { __typename: 'JointOrder' }
    & GraphQLRecursivePick<FederationTypes['JointOrder'], {"id":true}> );
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Allocation: ResolverTypeWrapper<Omit<Allocation, 'proposal'> & { proposal?: Maybe<ResolversTypes['AllocationProposal']> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AllocationProposal: ResolverTypeWrapper<Omit<AllocationProposal, 'nextOperation' | 'previousOperation'> & { nextOperation?: Maybe<ResolversTypes['NeighbourOperation']>, previousOperation?: Maybe<ResolversTypes['NeighbourOperation']> }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  AllocationWithdrawal: ResolverTypeWrapper<AllocationWithdrawal>;
  Cluster: ResolverTypeWrapper<ClusterProfile>;
  CreateJointOrderInput: CreateJointOrderInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DemandCapacityBucket: ResolverTypeWrapper<DemandCapacityBucket>;
  DemandCapacityStatus: DemandCapacityStatus;
  JointOrder: ResolverTypeWrapper<JointOrderRow>;
  JointOrderStatus: JointOrderStatus;
  Member: ResolverTypeWrapper<MemberRow>;
  MemberCopyDeletion: ResolverTypeWrapper<MemberCopyDeletion>;
  MemberHosting: MemberHosting;
  MemberRole: MemberRole;
  MemberServerTransfer: ResolverTypeWrapper<MemberServerTransfer>;
  MemberStatus: MemberStatus;
  MemberTransferState: MemberTransferState;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NeighbourAssignment: ResolverTypeWrapper<NeighbourAssignmentValue>;
  NeighbourOperation: ResolverTypeWrapper<Omit<NeighbourOperation, 'assignments'> & { assignments: Array<ResolversTypes['NeighbourAssignment']> }>;
  Operation: ResolverTypeWrapper<Operation>;
  OperationInput: OperationInput;
  OperationProgress: ResolverTypeWrapper<OperationProgress>;
  PlanChange: ResolverTypeWrapper<PlanChange>;
  PlanChangeKind: PlanChangeKind;
  PlanCostBreakdown: ResolverTypeWrapper<PlanCostBreakdown>;
  PlanOptions: PlanOptions;
  PlanOrderOutcome: ResolverTypeWrapper<PlanOrderOutcome>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlanStatus: PlanStatus;
  PlanSuggestion: ResolverTypeWrapper<PlanSuggestion>;
  PlanSuggestionKind: PlanSuggestionKind;
  PlanTrigger: PlanTrigger;
  PlanViolation: ResolverTypeWrapper<PlanViolation>;
  PlanViolationKind: PlanViolationKind;
  PlanWeightsInput: PlanWeightsInput;
  PlannedAllocation: ResolverTypeWrapper<PlannedAllocationRow>;
  PlannedAllocationStatus: PlannedAllocationStatus;
  ProcessType: ProcessType;
  ProductionPlan: ResolverTypeWrapper<ProductionPlanRow>;
  ProgrammePeriod: ResolverTypeWrapper<ProgrammePeriod>;
  ProgrammeSupplier: ResolverTypeWrapper<ProgrammeSupplierValue>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterMemberInput: RegisterMemberInput;
  RoutingEntry: ResolverTypeWrapper<MemberRow>;
  SupplierProgress: ResolverTypeWrapper<SupplierProgress>;
  SupportProgramme: ResolverTypeWrapper<SupportProgrammeValue>;
  SupportProgrammeInput: SupportProgrammeInput;
  UpdateJointOrderInput: UpdateJointOrderInput;
  Viewer: ResolverTypeWrapper<Omit<Viewer, 'member'> & { member?: Maybe<ResolversTypes['Member']> }>;
  WithdrawalState: WithdrawalState;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Allocation: Omit<Allocation, 'proposal'> & { proposal?: Maybe<ResolversParentTypes['AllocationProposal']> } | FederationReferenceTypes['Allocation'];
  ID: Scalars['ID']['output'];
  AllocationProposal: Omit<AllocationProposal, 'nextOperation' | 'previousOperation'> & { nextOperation?: Maybe<ResolversParentTypes['NeighbourOperation']>, previousOperation?: Maybe<ResolversParentTypes['NeighbourOperation']> };
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  AllocationWithdrawal: AllocationWithdrawal;
  Cluster: ClusterProfile;
  CreateJointOrderInput: CreateJointOrderInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DemandCapacityBucket: DemandCapacityBucket;
  JointOrder: JointOrderRow;
  Member: MemberRow;
  MemberCopyDeletion: MemberCopyDeletion;
  MemberServerTransfer: MemberServerTransfer;
  Mutation: Record<PropertyKey, never>;
  NeighbourAssignment: NeighbourAssignmentValue;
  NeighbourOperation: Omit<NeighbourOperation, 'assignments'> & { assignments: Array<ResolversParentTypes['NeighbourAssignment']> };
  Operation: Operation;
  OperationInput: OperationInput;
  OperationProgress: OperationProgress;
  PlanChange: PlanChange;
  PlanCostBreakdown: PlanCostBreakdown;
  PlanOptions: PlanOptions;
  PlanOrderOutcome: PlanOrderOutcome;
  Boolean: Scalars['Boolean']['output'];
  PlanSuggestion: PlanSuggestion;
  PlanViolation: PlanViolation;
  PlanWeightsInput: PlanWeightsInput;
  PlannedAllocation: PlannedAllocationRow;
  ProductionPlan: ProductionPlanRow;
  ProgrammePeriod: ProgrammePeriod;
  ProgrammeSupplier: ProgrammeSupplierValue;
  Query: Record<PropertyKey, never>;
  RegisterMemberInput: RegisterMemberInput;
  RoutingEntry: MemberRow;
  SupplierProgress: SupplierProgress;
  SupportProgramme: SupportProgrammeValue;
  SupportProgrammeInput: SupportProgrammeInput;
  UpdateJointOrderInput: UpdateJointOrderInput;
  Viewer: Omit<Viewer, 'member'> & { member?: Maybe<ResolversParentTypes['Member']> };
}>;

export type AllocationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Allocation'] = ResolversParentTypes['Allocation'], FederationReferenceType extends FederationReferenceTypes['Allocation'] = FederationReferenceTypes['Allocation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Allocation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  proposal?: Resolver<Maybe<ResolversTypes['AllocationProposal']>, ParentType, ContextType>;
}>;

export type AllocationProposalResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['AllocationProposal'] = ResolversParentTypes['AllocationProposal']> = ResolversObject<{
  customer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nextOperation?: Resolver<Maybe<ResolversTypes['NeighbourOperation']>, ParentType, ContextType>;
  orderCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orderQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  planId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  planVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  previousOperation?: Resolver<Maybe<ResolversTypes['NeighbourOperation']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pricePerHour?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AllocationWithdrawalResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['AllocationWithdrawal'] = ResolversParentTypes['AllocationWithdrawal']> = ResolversObject<{
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['WithdrawalState'], ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type ClusterResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Cluster'] = ResolversParentTypes['Cluster']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  industry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leaderId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DemandCapacityBucketResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['DemandCapacityBucket'] = ResolversParentTypes['DemandCapacityBucket']> = ResolversObject<{
  actualHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  availableHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  committedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  demandHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  flexibleHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  isoWeek?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maximumHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memberIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DemandCapacityStatus'], ParentType, ContextType>;
  surplusHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type JointOrderResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['JointOrder'] = ResolversParentTypes['JointOrder'], FederationReferenceType extends FederationReferenceTypes['JointOrder'] = FederationReferenceTypes['JointOrder']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['JointOrder']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currentPlan?: Resolver<Maybe<ResolversTypes['ProductionPlan']>, ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  plans?: Resolver<Array<ResolversTypes['ProductionPlan']>, ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<Array<ResolversTypes['OperationProgress']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  routing?: Resolver<Array<ResolversTypes['Operation']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JointOrderStatus'], ParentType, ContextType>;
  suggestions?: Resolver<Array<ResolversTypes['PlanSuggestion']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  violations?: Resolver<Array<ResolversTypes['PlanViolation']>, ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  appliedProcesses?: Resolver<Array<ResolversTypes['ProcessType']>, ParentType, ContextType>;
  copyDeletions?: Resolver<Array<ResolversTypes['MemberCopyDeletion']>, ParentType, ContextType>;
  endpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hosting?: Resolver<ResolversTypes['MemberHosting'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  localName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedRoles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MemberStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transfer?: Resolver<Maybe<ResolversTypes['MemberServerTransfer']>, ParentType, ContextType>;
}>;

export type MemberCopyDeletionResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['MemberCopyDeletion'] = ResolversParentTypes['MemberCopyDeletion']> = ResolversObject<{
  deletedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deletedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hostRecord?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MemberServerTransferResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['MemberServerTransfer'] = ResolversParentTypes['MemberServerTransfer']> = ResolversObject<{
  lastEventSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['MemberTransferState'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  approveMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationApproveMemberArgs, 'id'>>;
  cancelJointOrder?: Resolver<ResolversTypes['JointOrder'], ParentType, ContextType, RequireFields<MutationCancelJointOrderArgs, 'id'>>;
  createJointOrder?: Resolver<ResolversTypes['JointOrder'], ParentType, ContextType, RequireFields<MutationCreateJointOrderArgs, 'input'>>;
  createSupportProgramme?: Resolver<ResolversTypes['SupportProgramme'], ParentType, ContextType, RequireFields<MutationCreateSupportProgrammeArgs, 'input'>>;
  deleteHostedCopy?: Resolver<ResolversTypes['MemberCopyDeletion'], ParentType, ContextType, RequireFields<MutationDeleteHostedCopyArgs, 'id'>>;
  planJointOrder?: Resolver<ResolversTypes['ProductionPlan'], ParentType, ContextType, RequireFields<MutationPlanJointOrderArgs, 'id'>>;
  planJointOrders?: Resolver<ResolversTypes['ProductionPlan'], ParentType, ContextType, RequireFields<MutationPlanJointOrdersArgs, 'ids'>>;
  proposePlan?: Resolver<ResolversTypes['ProductionPlan'], ParentType, ContextType, RequireFields<MutationProposePlanArgs, 'planId'>>;
  quarantineMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationQuarantineMemberArgs, 'id' | 'reason'>>;
  registerMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationRegisterMemberArgs, 'input'>>;
  rejectMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationRejectMemberArgs, 'id' | 'reason'>>;
  suspendMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSuspendMemberArgs, 'id' | 'reason'>>;
  updateJointOrder?: Resolver<ResolversTypes['JointOrder'], ParentType, ContextType, RequireFields<MutationUpdateJointOrderArgs, 'id' | 'input'>>;
  updateMemberEndpoint?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationUpdateMemberEndpointArgs, 'endpoint' | 'id'>>;
}>;

export type NeighbourAssignmentResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['NeighbourAssignment'] = ResolversParentTypes['NeighbourAssignment']> = ResolversObject<{
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type NeighbourOperationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['NeighbourOperation'] = ResolversParentTypes['NeighbourOperation']> = ResolversObject<{
  assignments?: Resolver<Array<ResolversTypes['NeighbourAssignment']>, ParentType, ContextType>;
  operationIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  transportDaysToNext?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OperationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Operation'] = ResolversParentTypes['Operation']> = ResolversObject<{
  certification?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hoursPerUnit?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minLotSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  setupHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  transportDaysToNext?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OperationProgressResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['OperationProgress'] = ResolversParentTypes['OperationProgress']> = ResolversObject<{
  acceptedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  operationIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  plannedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scrapQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PlanChangeResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlanChange'] = ResolversParentTypes['PlanChange']> = ResolversObject<{
  hoursAfter?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  hoursBefore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlanChangeKind'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operationIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  quantityAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantityBefore?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type PlanCostBreakdownResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlanCostBreakdown'] = ResolversParentTypes['PlanCostBreakdown']> = ResolversObject<{
  lateness?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  production?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  split?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  transport?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type PlanOrderOutcomeResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlanOrderOutcome'] = ResolversParentTypes['PlanOrderOutcome']> = ResolversObject<{
  completionDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lateDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  planned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PlanSuggestionResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlanSuggestion'] = ResolversParentTypes['PlanSuggestion']> = ResolversObject<{
  completionDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  dueDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlanSuggestionKind'], ParentType, ContextType>;
  memberId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  process?: Resolver<Maybe<ResolversTypes['ProcessType']>, ParentType, ContextType>;
}>;

export type PlanViolationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlanViolation'] = ResolversParentTypes['PlanViolation']> = ResolversObject<{
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlanViolationKind'], ParentType, ContextType>;
  memberId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationIndex?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  process?: Resolver<Maybe<ResolversTypes['ProcessType']>, ParentType, ContextType>;
  weekStart?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export type PlannedAllocationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['PlannedAllocation'] = ResolversParentTypes['PlannedAllocation']> = ResolversObject<{
  allocation?: Resolver<Maybe<ResolversTypes['Allocation']>, ParentType, ContextType>;
  allocationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  capacityConflict?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  declineReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operationIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scrapQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PlannedAllocationStatus'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  withdrawal?: Resolver<Maybe<ResolversTypes['AllocationWithdrawal']>, ParentType, ContextType>;
}>;

export type ProductionPlanResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['ProductionPlan'] = ResolversParentTypes['ProductionPlan']> = ResolversObject<{
  allocations?: Resolver<Array<ResolversTypes['PlannedAllocation']>, ParentType, ContextType>;
  bestBound?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['PlanChange']>, ParentType, ContextType>;
  completionDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  costBreakdown?: Resolver<ResolversTypes['PlanCostBreakdown'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  explanation?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  gap?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  infeasibleOrderIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  jointOrderIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  lateDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxLateDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  objective?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  orders?: Resolver<Array<ResolversTypes['PlanOrderOutcome']>, ParentType, ContextType>;
  previousPlanId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  proposedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  solverStatus?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PlanStatus'], ParentType, ContextType>;
  suggestions?: Resolver<Array<ResolversTypes['PlanSuggestion']>, ParentType, ContextType>;
  totalCost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['PlanTrigger'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  violations?: Resolver<Array<ResolversTypes['PlanViolation']>, ParentType, ContextType>;
}>;

export type ProgrammePeriodResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['ProgrammePeriod'] = ResolversParentTypes['ProgrammePeriod']> = ResolversObject<{
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  weeks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ProgrammeSupplierResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['ProgrammeSupplier'] = ResolversParentTypes['ProgrammeSupplier']> = ResolversObject<{
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['SupplierProgress']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  cluster?: Resolver<ResolversTypes['Cluster'], ParentType, ContextType>;
  demandCapacity?: Resolver<Array<ResolversTypes['DemandCapacityBucket']>, ParentType, ContextType, RequireFields<QueryDemandCapacityArgs, 'from' | 'to'>>;
  jointOrder?: Resolver<Maybe<ResolversTypes['JointOrder']>, ParentType, ContextType, RequireFields<QueryJointOrderArgs, 'id'>>;
  jointOrders?: Resolver<Array<ResolversTypes['JointOrder']>, ParentType, ContextType, Partial<QueryJointOrdersArgs>>;
  me?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType, RequireFields<QueryMemberArgs, 'id'>>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType, Partial<QueryMembersArgs>>;
  productionPlan?: Resolver<Maybe<ResolversTypes['ProductionPlan']>, ParentType, ContextType, RequireFields<QueryProductionPlanArgs, 'id'>>;
  routingTable?: Resolver<Array<ResolversTypes['RoutingEntry']>, ParentType, ContextType>;
  supportProgrammes?: Resolver<Array<ResolversTypes['SupportProgramme']>, ParentType, ContextType, Partial<QuerySupportProgrammesArgs>>;
}>;

export type RoutingEntryResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['RoutingEntry'] = ResolversParentTypes['RoutingEntry']> = ResolversObject<{
  endpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MemberStatus'], ParentType, ContextType>;
}>;

export type SupplierProgressResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['SupplierProgress'] = ResolversParentTypes['SupplierProgress']> = ResolversObject<{
  baselineFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  baselineTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  currentFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  currentTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  programmeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SupportProgrammeResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['SupportProgramme'] = ResolversParentTypes['SupportProgramme']> = ResolversObject<{
  anchor?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['ProgrammePeriod'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['ProgrammePeriod'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  suppliers?: Resolver<Array<ResolversTypes['ProgrammeSupplier']>, ParentType, ContextType>;
}>;

export type ViewerResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = ResolversObject<{
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberRoles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ClusterContext> = ResolversObject<{
  Allocation?: AllocationResolvers<ContextType>;
  AllocationProposal?: AllocationProposalResolvers<ContextType>;
  AllocationWithdrawal?: AllocationWithdrawalResolvers<ContextType>;
  Cluster?: ClusterResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DemandCapacityBucket?: DemandCapacityBucketResolvers<ContextType>;
  JointOrder?: JointOrderResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberCopyDeletion?: MemberCopyDeletionResolvers<ContextType>;
  MemberServerTransfer?: MemberServerTransferResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NeighbourAssignment?: NeighbourAssignmentResolvers<ContextType>;
  NeighbourOperation?: NeighbourOperationResolvers<ContextType>;
  Operation?: OperationResolvers<ContextType>;
  OperationProgress?: OperationProgressResolvers<ContextType>;
  PlanChange?: PlanChangeResolvers<ContextType>;
  PlanCostBreakdown?: PlanCostBreakdownResolvers<ContextType>;
  PlanOrderOutcome?: PlanOrderOutcomeResolvers<ContextType>;
  PlanSuggestion?: PlanSuggestionResolvers<ContextType>;
  PlanViolation?: PlanViolationResolvers<ContextType>;
  PlannedAllocation?: PlannedAllocationResolvers<ContextType>;
  ProductionPlan?: ProductionPlanResolvers<ContextType>;
  ProgrammePeriod?: ProgrammePeriodResolvers<ContextType>;
  ProgrammeSupplier?: ProgrammeSupplierResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RoutingEntry?: RoutingEntryResolvers<ContextType>;
  SupplierProgress?: SupplierProgressResolvers<ContextType>;
  SupportProgramme?: SupportProgrammeResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
}>;

