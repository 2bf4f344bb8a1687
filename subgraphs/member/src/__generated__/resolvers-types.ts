import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { MemberRef } from '../model.ts';
import { LineRow, CapabilityRow, AllocationRow, ProductionRecordRow } from '../db/schema.ts';
import { MemberContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** Work from a joint order proposed to, and accepted or declined by, this member. */
export type Allocation = {
  __typename?: 'Allocation';
  createdAt: Scalars['DateTime']['output'];
  declineReason: Maybe<Scalars['String']['output']>;
  goodQuantity: Scalars['Int']['output'];
  hours: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  jointOrderId: Scalars['ID']['output'];
  memberId: Scalars['ID']['output'];
  operationIndex: Scalars['Int']['output'];
  process: ProcessType;
  /** Share of quantity reported good so far, 0..1. */
  progress: Scalars['Float']['output'];
  quantity: Scalars['Int']['output'];
  respondedAt: Maybe<Scalars['DateTime']['output']>;
  scrapQuantity: Scalars['Int']['output'];
  status: AllocationStatus;
  weekStart: Scalars['Date']['output'];
};

export type AllocationInput = {
  hours: Scalars['Float']['input'];
  /** Client-chosen id, so that proposing twice is idempotent. */
  id: Scalars['ID']['input'];
  jointOrderId: Scalars['ID']['input'];
  operationIndex: Scalars['Int']['input'];
  process: ProcessType;
  quantity: Scalars['Int']['input'];
  weekStart: Scalars['Date']['input'];
};

export type AllocationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'PROPOSED';

export type Capability = {
  __typename?: 'Capability';
  certifications: Array<Scalars['String']['output']>;
  materials: Array<Scalars['String']['output']>;
  /** Largest part the firm can handle, longest dimension in millimetres. */
  maxPartSizeMm: Maybe<Scalars['Float']['output']>;
  notes: Maybe<Scalars['String']['output']>;
  process: ProcessType;
};

export type CapabilityInput = {
  certifications?: InputMaybe<Array<Scalars['String']['input']>>;
  materials: Array<Scalars['String']['input']>;
  maxPartSizeMm?: InputMaybe<Scalars['Float']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  process: ProcessType;
};

/** One ISO week (keyed by its Monday) and one process. available = actual - committed (never below 0). */
export type CapacityBucket = {
  __typename?: 'CapacityBucket';
  actualHours: Scalars['Float']['output'];
  availableHours: Scalars['Float']['output'];
  /** Hours of accepted allocations in this week and process; derived, never typed in. */
  committedHours: Scalars['Float']['output'];
  /** maximum - actual: what overtime or extra shifts could add (DCM flexible capacity). */
  flexibleHours: Scalars['Float']['output'];
  maximumHours: Scalars['Float']['output'];
  pricePerHour: Maybe<Scalars['Float']['output']>;
  process: ProcessType;
  weekStart: Scalars['Date']['output'];
};

export type CapacityInput = {
  actualHours: Scalars['Float']['input'];
  maximumHours: Scalars['Float']['input'];
  pricePerHour?: InputMaybe<Scalars['Float']['input']>;
  process: ProcessType;
  /** Monday of the ISO week. */
  weekStart: Scalars['Date']['input'];
};

/** A production line or work cell (ISA-95). */
export type Line = {
  __typename?: 'Line';
  id: Scalars['ID']['output'];
  member: Member;
  memberId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  processes: Array<ProcessType>;
  /** Rated throughput in units per hour, when known. */
  ratedUnitsPerHour: Maybe<Scalars['Float']['output']>;
  status: LineStatus;
};

export type LineInput = {
  /** Stable id within the firm (letters, digits, hyphens). */
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  processes: Array<ProcessType>;
  ratedUnitsPerHour?: InputMaybe<Scalars['Float']['input']>;
};

/** Six states mapped onto PackML / OPC UA Machinery: RUNNING≈Execute, IDLE≈Idle/Suspended, DOWN≈Aborted/Held, CHANGEOVER and MAINTENANCE≈planned stops, OFFLINE≈NotAvailable. */
export type LineState =
  | 'CHANGEOVER'
  | 'DOWN'
  | 'IDLE'
  | 'MAINTENANCE'
  | 'OFFLINE'
  | 'RUNNING';

export type LineStatus = {
  __typename?: 'LineStatus';
  reasonCode: Maybe<Scalars['String']['output']>;
  /** Member-wide event sequence number of the event that set this state (0 before any event). */
  seq: Scalars['Int']['output'];
  since: Scalars['DateTime']['output'];
  state: LineState;
};

/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type Member = {
  __typename?: 'Member';
  allocations: Maybe<Array<Allocation>>;
  capabilities: Maybe<Array<Capability>>;
  /** Weekly capacity per process (Catena-X DCM style), one bucket per ISO week and process. */
  capacity: Maybe<Array<CapacityBucket>>;
  id: Scalars['ID']['output'];
  lines: Maybe<Array<Line>>;
  production: Maybe<Array<ProductionRecord>>;
  /** Self-declared smart-factory level, 1 (basic) to 5 (advanced). */
  smartFactoryLevel: Maybe<Scalars['Int']['output']>;
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberAllocationsArgs = {
  status?: InputMaybe<AllocationStatus>;
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberCapacityArgs = {
  from: Scalars['Date']['input'];
  process?: InputMaybe<ProcessType>;
  to: Scalars['Date']['input'];
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberProductionArgs = {
  from: Scalars['Date']['input'];
  lineId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['Date']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Allocations proposed by the cluster planner (idempotent on id). */
  proposeAllocations: Array<Allocation>;
  /** Remove a line that has no production history. */
  removeLine: Line;
  reportAllocationProgress: Allocation;
  reportProduction: Array<ProductionRecord>;
  respondToAllocation: Allocation;
  /** Replace the firm's capability list. */
  setCapabilities: Array<Capability>;
  /** Set weekly actual/maximum hours and price per process; all rows are checked before any is written. */
  setCapacity: Array<CapacityBucket>;
  setSmartFactoryLevel: Member;
  /** Create or update a line. */
  upsertLine: Line;
};


export type MutationProposeAllocationsArgs = {
  input: Array<AllocationInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationRemoveLineArgs = {
  lineId: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
};


export type MutationReportAllocationProgressArgs = {
  goodQuantity: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
  scrapQuantity: Scalars['Int']['input'];
};


export type MutationReportProductionArgs = {
  input: Array<ProductionRecordInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationRespondToAllocationArgs = {
  accept: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetCapabilitiesArgs = {
  input: Array<CapabilityInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationSetCapacityArgs = {
  input: Array<CapacityInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationSetSmartFactoryLevelArgs = {
  level: Scalars['Int']['input'];
  memberId: Scalars['ID']['input'];
};


export type MutationUpsertLineArgs = {
  input: LineInput;
  memberId: Scalars['ID']['input'];
};

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

export type ProductionRecord = {
  __typename?: 'ProductionRecord';
  downMinutes: Scalars['Float']['output'];
  energyKwh: Maybe<Scalars['Float']['output']>;
  goodQuantity: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  runMinutes: Scalars['Float']['output'];
  scrapQuantity: Scalars['Int']['output'];
  shiftStart: Scalars['DateTime']['output'];
};

export type ProductionRecordInput = {
  downMinutes: Scalars['Float']['input'];
  energyKwh?: InputMaybe<Scalars['Float']['input']>;
  goodQuantity: Scalars['Int']['input'];
  lineId: Scalars['ID']['input'];
  runMinutes: Scalars['Float']['input'];
  scrapQuantity: Scalars['Int']['input'];
  shiftStart: Scalars['DateTime']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Lines of the given members (all active members when omitted). */
  lines: Array<Line>;
};


export type QueryLinesArgs = {
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  state?: InputMaybe<LineState>;
};

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
  Line: Line;
  Member: Member;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Allocation:
    ( { __typename: 'Allocation' }
    & GraphQLRecursivePick<FederationTypes['Allocation'], {"memberId":true,"id":true}> );
  Line:
    ( { __typename: 'Line' }
    & GraphQLRecursivePick<FederationTypes['Line'], {"memberId":true,"id":true}> );
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Allocation: ResolverTypeWrapper<AllocationRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AllocationInput: AllocationInput;
  AllocationStatus: AllocationStatus;
  Capability: ResolverTypeWrapper<CapabilityRow>;
  CapabilityInput: CapabilityInput;
  CapacityBucket: ResolverTypeWrapper<CapacityBucket>;
  CapacityInput: CapacityInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Line: ResolverTypeWrapper<LineRow>;
  LineInput: LineInput;
  LineState: LineState;
  LineStatus: ResolverTypeWrapper<LineStatus>;
  Member: ResolverTypeWrapper<MemberRef>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ProcessType: ProcessType;
  ProductionRecord: ResolverTypeWrapper<ProductionRecordRow>;
  ProductionRecordInput: ProductionRecordInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Allocation: AllocationRow;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  AllocationInput: AllocationInput;
  Capability: CapabilityRow;
  CapabilityInput: CapabilityInput;
  CapacityBucket: CapacityBucket;
  CapacityInput: CapacityInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Line: LineRow;
  LineInput: LineInput;
  LineStatus: LineStatus;
  Member: MemberRef;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  ProductionRecord: ProductionRecordRow;
  ProductionRecordInput: ProductionRecordInput;
  Query: Record<PropertyKey, never>;
}>;

export type AllocationResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Allocation'] = ResolversParentTypes['Allocation'], FederationReferenceType extends FederationReferenceTypes['Allocation'] = FederationReferenceTypes['Allocation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Allocation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  declineReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jointOrderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operationIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  respondedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scrapQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AllocationStatus'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type CapabilityResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Capability'] = ResolversParentTypes['Capability']> = ResolversObject<{
  certifications?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  materials?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  maxPartSizeMm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
}>;

export type CapacityBucketResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['CapacityBucket'] = ResolversParentTypes['CapacityBucket']> = ResolversObject<{
  actualHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  availableHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  committedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  flexibleHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maximumHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pricePerHour?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LineResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Line'] = ResolversParentTypes['Line'], FederationReferenceType extends FederationReferenceTypes['Line'] = FederationReferenceTypes['Line']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Line']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  processes?: Resolver<Array<ResolversTypes['ProcessType']>, ParentType, ContextType>;
  ratedUnitsPerHour?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LineStatus'], ParentType, ContextType>;
}>;

export type LineStatusResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['LineStatus'] = ResolversParentTypes['LineStatus']> = ResolversObject<{
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['LineState'], ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allocations?: Resolver<Maybe<Array<ResolversTypes['Allocation']>>, ParentType, ContextType, Partial<MemberAllocationsArgs>>;
  capabilities?: Resolver<Maybe<Array<ResolversTypes['Capability']>>, ParentType, ContextType>;
  capacity?: Resolver<Maybe<Array<ResolversTypes['CapacityBucket']>>, ParentType, ContextType, RequireFields<MemberCapacityArgs, 'from' | 'to'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Maybe<Array<ResolversTypes['Line']>>, ParentType, ContextType>;
  production?: Resolver<Maybe<Array<ResolversTypes['ProductionRecord']>>, ParentType, ContextType, RequireFields<MemberProductionArgs, 'from' | 'to'>>;
  smartFactoryLevel?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  proposeAllocations?: Resolver<Array<ResolversTypes['Allocation']>, ParentType, ContextType, RequireFields<MutationProposeAllocationsArgs, 'input' | 'memberId'>>;
  removeLine?: Resolver<ResolversTypes['Line'], ParentType, ContextType, RequireFields<MutationRemoveLineArgs, 'lineId' | 'memberId'>>;
  reportAllocationProgress?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationReportAllocationProgressArgs, 'goodQuantity' | 'id' | 'memberId' | 'scrapQuantity'>>;
  reportProduction?: Resolver<Array<ResolversTypes['ProductionRecord']>, ParentType, ContextType, RequireFields<MutationReportProductionArgs, 'input' | 'memberId'>>;
  respondToAllocation?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationRespondToAllocationArgs, 'accept' | 'id' | 'memberId'>>;
  setCapabilities?: Resolver<Array<ResolversTypes['Capability']>, ParentType, ContextType, RequireFields<MutationSetCapabilitiesArgs, 'input' | 'memberId'>>;
  setCapacity?: Resolver<Array<ResolversTypes['CapacityBucket']>, ParentType, ContextType, RequireFields<MutationSetCapacityArgs, 'input' | 'memberId'>>;
  setSmartFactoryLevel?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSetSmartFactoryLevelArgs, 'level' | 'memberId'>>;
  upsertLine?: Resolver<ResolversTypes['Line'], ParentType, ContextType, RequireFields<MutationUpsertLineArgs, 'input' | 'memberId'>>;
}>;

export type ProductionRecordResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ProductionRecord'] = ResolversParentTypes['ProductionRecord']> = ResolversObject<{
  downMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyKwh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scrapQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shiftStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  lines?: Resolver<Array<ResolversTypes['Line']>, ParentType, ContextType, Partial<QueryLinesArgs>>;
}>;

export type Resolvers<ContextType = MemberContext> = ResolversObject<{
  Allocation?: AllocationResolvers<ContextType>;
  Capability?: CapabilityResolvers<ContextType>;
  CapacityBucket?: CapacityBucketResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Line?: LineResolvers<ContextType>;
  LineStatus?: LineStatusResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  ProductionRecord?: ProductionRecordResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

