import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { ClusterProfile } from '../config.ts';
import { MemberRow } from '../db/schema.ts';
import { ClusterContext } from '../context.ts';
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

/** A firm in the cluster. The cluster subgraph owns its registry entry; each member's own subgraph adds its shop-floor data. */
export type Member = {
  __typename?: 'Member';
  id: Scalars['ID']['output'];
  joinedAt: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  region: Maybe<Scalars['String']['output']>;
  roles: Array<MemberRole>;
  status: MemberStatus;
  /** Why the member is SUSPENDED or QUARANTINED. */
  statusReason: Maybe<Scalars['String']['output']>;
};

/** LEADER runs the cluster and splits joint orders; PARTNER takes allocations; ANCHOR is a large firm supporting its suppliers. */
export type MemberRole =
  | 'ANCHOR'
  | 'LEADER'
  | 'PARTNER';

export type MemberStatus =
  | 'ACTIVE'
  | 'PENDING'
  | 'QUARANTINED'
  | 'SUSPENDED';

export type Mutation = {
  __typename?: 'Mutation';
  approveMember: Member;
  /** Set by the gateway when a member's SDL does not match the standard. */
  quarantineMember: Member;
  /** A firm applies to join; it is PENDING until the leader approves it. */
  registerMember: Member;
  suspendMember: Member;
  /** Moves a member's subgraph to a new endpoint (routed without a gateway restart). */
  updateMemberEndpoint: Member;
};


export type MutationApproveMemberArgs = {
  id: Scalars['ID']['input'];
};


export type MutationQuarantineMemberArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRegisterMemberArgs = {
  input: RegisterMemberInput;
};


export type MutationSuspendMemberArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationUpdateMemberEndpointArgs = {
  endpoint: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** The cluster this graph serves: its name, region and industry. */
  cluster: Cluster;
  member: Maybe<Member>;
  /** Registered members, optionally filtered by role and status. */
  members: Array<Member>;
  /** The gateway's routing table: every member's endpoint. Not exposed through the gateway. */
  routingTable: Array<RoutingEntry>;
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMembersArgs = {
  role?: InputMaybe<MemberRole>;
  status?: InputMaybe<MemberStatus>;
};

export type RegisterMemberInput = {
  /** The member subgraph's GraphQL URL, e.g. https://mes.example-casting.kr/graphql */
  endpoint: Scalars['String']['input'];
  /** Stable id (lowercase letters, digits, hyphens). Derived from the name when omitted. */
  id?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  roles: Array<MemberRole>;
};

export type RoutingEntry = {
  __typename?: 'RoutingEntry';
  endpoint: Scalars['String']['output'];
  memberId: Scalars['ID']['output'];
  /** The member's display name, for the gateway's logs and errors. */
  name: Scalars['String']['output'];
  /** The gateway routes some fields by role (e.g. the leader's planning calls). */
  roles: Array<MemberRole>;
  status: MemberStatus;
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
  Member: Member;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cluster: ResolverTypeWrapper<ClusterProfile>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Member: ResolverTypeWrapper<MemberRow>;
  MemberRole: MemberRole;
  MemberStatus: MemberStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterMemberInput: RegisterMemberInput;
  RoutingEntry: ResolverTypeWrapper<MemberRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cluster: ClusterProfile;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Member: MemberRow;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RegisterMemberInput: RegisterMemberInput;
  RoutingEntry: MemberRow;
  Boolean: Scalars['Boolean']['output'];
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

export type MemberResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MemberStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  approveMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationApproveMemberArgs, 'id'>>;
  quarantineMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationQuarantineMemberArgs, 'id' | 'reason'>>;
  registerMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationRegisterMemberArgs, 'input'>>;
  suspendMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSuspendMemberArgs, 'id' | 'reason'>>;
  updateMemberEndpoint?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationUpdateMemberEndpointArgs, 'endpoint' | 'id'>>;
}>;

export type QueryResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  cluster?: Resolver<ResolversTypes['Cluster'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType, RequireFields<QueryMemberArgs, 'id'>>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType, Partial<QueryMembersArgs>>;
  routingTable?: Resolver<Array<ResolversTypes['RoutingEntry']>, ParentType, ContextType>;
}>;

export type RoutingEntryResolvers<ContextType = ClusterContext, ParentType extends ResolversParentTypes['RoutingEntry'] = ResolversParentTypes['RoutingEntry']> = ResolversObject<{
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MemberStatus'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ClusterContext> = ResolversObject<{
  Cluster?: ClusterResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Member?: MemberResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RoutingEntry?: RoutingEntryResolvers<ContextType>;
}>;

