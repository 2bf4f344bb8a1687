import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { MemberRef } from '../resolvers/model.ts';
import { LineRow, CapabilityRow, AllocationRow, ProductionRecordRow, SharingPolicyRow, DataUsageRow } from '../db/schema.ts';
import { LineEvent } from '../events/types.ts';
import { AnomalyValue } from '../analytics/anomalies.ts';
import { MaturityValue } from '../analytics/maturity.ts';
import { SelfAssessmentValue } from '../analytics/selfAssessment.ts';
import { MemberContext } from '../context.ts';
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

/** Work from a joint order proposed to, and accepted or declined by, this member. */
export type Allocation = {
  __typename?: 'Allocation';
  /**
   * Set while this accepted allocation no longer fits the member's capacity (its capacity in the
   * week and process was lowered below what accepted work commits, or a line of the process has
   * been DOWN too long); the cluster's planner re-plans the work and withdraws this allocation.
   * Cleared when the capacity fits again.
   */
  capacityConflict: Maybe<AllocationCapacityConflict>;
  createdAt: Scalars['DateTime']['output'];
  declineReason: Maybe<Scalars['String']['output']>;
  /**
   * The risk that this allocation finishes after its week, computed on the member from its
   * reported progress, the realised OEE and open anomalies of its lines for the process and the
   * capacity left in the week (model allocation-delay-risk-logistic). Needs ORDERS (the
   * allocation) and AI_INSIGHTS (the model's output) for the request's purpose; null for a
   * declined or withdrawn allocation.
   */
  delayRisk: Maybe<DelayRisk>;
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
  withdrawReason: Maybe<Scalars['String']['output']>;
  /** When and why the cluster's planner withdrew it (status WITHDRAWN). */
  withdrawnAt: Maybe<Scalars['DateTime']['output']>;
};

/** Why an accepted allocation no longer fits its member's capacity. */
export type AllocationCapacityConflict = {
  __typename?: 'AllocationCapacityConflict';
  /** CAPACITY_CUT (actual hours lowered) or LINE_DOWN (a line of the process DOWN longer than the member's threshold). */
  cause: Scalars['String']['output'];
  detectedAt: Scalars['DateTime']['output'];
  reason: Scalars['String']['output'];
  /** Hours of accepted work in the week and process beyond what the member now has. */
  shortHours: Scalars['Float']['output'];
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
  | 'PROPOSED'
  /** Taken back by the cluster's planner (the work was re-planned elsewhere, or the order cancelled); holds no hours. */
  | 'WITHDRAWN';

/** An analytics model that runs where the data lives; its results are category AI_INSIGHTS. */
export type AnalyticsModel = {
  __typename?: 'AnalyticsModel';
  category: DataCategory;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  version: Scalars['String']['output'];
};

/** Where an analytics input came from. */
export type AnalyticsSource =
  | 'LINE_EVENTS'
  /** Some shifts from line events, the others from production records. */
  | 'MIXED'
  | 'PRODUCTION_RECORDS';

/** A sustained shift in a line's per-shift scrap rate or cycle time (CUSUM/EWMA against a rolling baseline). */
export type Anomaly = {
  __typename?: 'Anomaly';
  acknowledged: Scalars['Boolean']['output'];
  acknowledgement: Maybe<AnomalyAcknowledgement>;
  baseline: Scalars['Float']['output'];
  /** Last shifted point; null while ONGOING. */
  end: Maybe<Scalars['DateTime']['output']>;
  /** The series around the anomaly with the baseline each point was judged against. */
  evidence: Array<EvidencePoint>;
  /** Stable: the kind, the line and the first shifted shift. */
  id: Scalars['ID']['output'];
  kind: AnomalyKind;
  lineId: Scalars['ID']['output'];
  /** Relative change of the mean against the baseline (+0.8 = 80 % higher). */
  magnitude: Scalars['Float']['output'];
  /** The same change in baseline standard deviations. */
  magnitudeSigma: Scalars['Float']['output'];
  source: AnalyticsSource;
  start: Scalars['DateTime']['output'];
  status: AnomalyStatus;
  /** scrap ÷ produced, or seconds per unit. */
  unit: Scalars['String']['output'];
};

/** What the owner did about an anomaly (feeds the maturity criterion "anomalies acted on"). */
export type AnomalyAcknowledgement = {
  __typename?: 'AnomalyAcknowledgement';
  action: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  by: Scalars['String']['output'];
};

export type AnomalyKind =
  | 'CYCLE_TIME_DRIFT'
  | 'SCRAP_RATE_SHIFT';

export type AnomalyStatus =
  /** The series returned to its baseline. */
  | 'ENDED'
  /** The series is still off its baseline. */
  | 'ONGOING';

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

/** Next weeks' available capacity of a process, adjusted by realised OEE. */
export type CapacityForecast = {
  __typename?: 'CapacityForecast';
  /** max(0, actual − committed) from the capacity calendar. */
  availableHours: Scalars['Float']['output'];
  basis: Scalars['String']['output'];
  committedHours: Scalars['Float']['output'];
  /** available × oeeRatio. */
  expectedEffectiveHours: Scalars['Float']['output'];
  high: Scalars['Float']['output'];
  /** 80 % interval from the week-to-week OEE spread. */
  low: Scalars['Float']['output'];
  /** Mean realised OEE of the process over the last 8 complete weeks (null without history). */
  oeeRatio: Maybe<Scalars['Float']['output']>;
  oeeWeeks: Scalars['Int']['output'];
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

/** Kinds of data a firm's sharing policies speak about. */
export type DataCategory =
  | 'AI_INSIGHTS'
  | 'CAPABILITY'
  | 'CAPACITY'
  | 'ENERGY'
  | 'LINE_STATUS'
  | 'ORDERS'
  | 'PRODUCTION'
  | 'PROFILE'
  | 'QUALITY';

/** One read of the owner's data by another firm (or an anonymous visitor: readerMemberId "(anonymous)"). */
export type DataUsageRecord = {
  __typename?: 'DataUsageRecord';
  allowed: Scalars['Boolean']['output'];
  at: Scalars['DateTime']['output'];
  category: DataCategory;
  /** The detail served (null when denied). */
  granularity: Maybe<Granularity>;
  operationName: Maybe<Scalars['String']['output']>;
  /** The policy that granted the read. */
  policyId: Maybe<Scalars['ID']['output']>;
  purpose: Purpose;
  readerMemberId: Scalars['ID']['output'];
  readerUserId: Maybe<Scalars['String']['output']>;
  /** Allowed: records served. Denied: field reads refused. */
  records: Scalars['Int']['output'];
};

/** Reads of one category by one reader: the basis for returning the value of data to whoever produced it. */
export type DataUsageSummary = {
  __typename?: 'DataUsageSummary';
  allowedReads: Scalars['Int']['output'];
  /** Records served. */
  allowedRecords: Scalars['Int']['output'];
  category: DataCategory;
  deniedReads: Scalars['Int']['output'];
  /** Field reads refused. */
  deniedRecords: Scalars['Int']['output'];
  lastReadAt: Scalars['DateTime']['output'];
  readerMemberId: Scalars['ID']['output'];
};

/** Delay risk of an allocation (AI_INSIGHTS). */
export type DelayRisk = {
  __typename?: 'DelayRisk';
  /** Projected finish day (KST): the remaining work at the rate observed so far, or at the planned rate times the OEE ratio. */
  expectedCompletion: Maybe<Scalars['Date']['output']>;
  level: RiskLevel;
  modelVersion: Scalars['String']['output'];
  /** Probability of finishing after the allocation's week, 0..1 (logistic score of the drivers). */
  probability: Scalars['Float']['output'];
  /** The drivers in words, e.g. "progress 20 % with 70 % of the week elapsed". */
  reasons: Array<Scalars['String']['output']>;
};

export type Evidence = {
  __typename?: 'Evidence';
  criterion: Scalars['String']['output'];
  description: Scalars['String']['output'];
  /** The level this criterion belongs to. */
  level: Scalars['Int']['output'];
  measured: Maybe<Scalars['Float']['output']>;
  met: Scalars['Boolean']['output'];
  source: EvidenceSource;
  target: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type EvidencePoint = {
  __typename?: 'EvidencePoint';
  at: Scalars['DateTime']['output'];
  baseline: Maybe<Scalars['Float']['output']>;
  value: Scalars['Float']['output'];
};

export type EvidenceSource =
  | 'DATA'
  | 'SELF_ASSESSMENT';

/** RAW: the data as stored. AGGREGATED: weekly totals only, no per-line or per-shift rows. */
export type Granularity =
  | 'AGGREGATED'
  | 'RAW';

/** One problem of one input row: its index, the input field, and what is wrong. */
export type ImportProblem = {
  __typename?: 'ImportProblem';
  /** The input field, e.g. actualHours ("input" for the input as a whole). */
  field: Scalars['String']['output'];
  /** Index into the input (0-based); null for a problem of the input as a whole (too many rows). */
  index: Maybe<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
};

/** What an import of capacity or production rows found, and what it wrote. */
export type ImportReport = {
  __typename?: 'ImportReport';
  /** True when the rows were only checked (dryRun): nothing was written. */
  dryRun: Scalars['Boolean']['output'];
  /** Every problem of every row, in input order; empty when every row passes. */
  problems: Array<ImportProblem>;
  /** Rows received. */
  rows: Scalars['Int']['output'];
  /** Rows written: all of them, or none (an import is all-or-nothing; a dry run writes none). */
  written: Scalars['Int']['output'];
};

/** A KPI of a supplier in a support programme: baseline period against the current period. */
export type KpiChange = {
  __typename?: 'KpiChange';
  baseline: Maybe<Scalars['Float']['output']>;
  /** What firms adopting smart factories reported (2019 survey), as a relative change. */
  benchmark: Maybe<Scalars['Float']['output']>;
  benchmarkSource: Maybe<Scalars['String']['output']>;
  /** (current − baseline) ÷ baseline. */
  change: Maybe<Scalars['Float']['output']>;
  current: Maybe<Scalars['Float']['output']>;
  /** Whether the change went the good way (fewer defects, more productivity…). */
  improved: Maybe<Scalars['Boolean']['output']>;
  kpi: ProgrammeKpi;
  reason: Maybe<Scalars['String']['output']>;
  unit: Scalars['String']['output'];
  /** True when the supplier's policies do not share AI_INSIGHTS with the reader; the figures are then null. */
  withheld: Scalars['Boolean']['output'];
};

/** A production line or work cell (ISA-95). */
export type Line = {
  __typename?: 'Line';
  id: Scalars['ID']['output'];
  member: Member;
  memberId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** OEE per ISO week (KST calendar) of the weeks overlapping [from, to], ISO 22400-2 (AI_INSIGHTS). */
  oee: Maybe<Array<OeeWeek>>;
  processes: Array<ProcessType>;
  /** Rated throughput in units per hour, when known. */
  ratedUnitsPerHour: Maybe<Scalars['Float']['output']>;
  /** LINE_STATUS data: the line's latest events, newest first (default 20, at most 200), for a timeline. */
  recentEvents: Maybe<Array<LineStatusEvent>>;
  /** LINE_STATUS data: null (with FORBIDDEN) unless the owner shares it with the reader. */
  status: Maybe<LineStatus>;
};


/** A production line or work cell (ISA-95). */
export type LineOeeArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/** A production line or work cell (ISA-95). */
export type LineRecentEventsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** A line event from an MES; eventId makes reporting idempotent. */
export type LineEventInput = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  cycleTimeSeconds?: InputMaybe<Scalars['Float']['input']>;
  eventId: Scalars['ID']['input'];
  goodCount?: InputMaybe<Scalars['Int']['input']>;
  lineId: Scalars['ID']['input'];
  reasonCode?: InputMaybe<Scalars['String']['input']>;
  scrapCount?: InputMaybe<Scalars['Int']['input']>;
  state: LineState;
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

/** A line's state change, numbered per member (seq grows without gaps). */
export type LineStatusEvent = {
  __typename?: 'LineStatusEvent';
  at: Scalars['DateTime']['output'];
  cycleTimeSeconds: Maybe<Scalars['Float']['output']>;
  eventId: Scalars['ID']['output'];
  goodCount: Maybe<Scalars['Int']['output']>;
  line: Line;
  lineId: Scalars['ID']['output'];
  member: Member;
  memberId: Scalars['ID']['output'];
  previousState: Maybe<LineState>;
  reasonCode: Maybe<Scalars['String']['output']>;
  scrapCount: Maybe<Scalars['Int']['output']>;
  seq: Scalars['Int']['output'];
  state: LineState;
};

/** A smart-factory level with its evidence. 1 basic, 2 intermediate 1, 3 intermediate 2, 4–5 advanced. */
export type Maturity = {
  __typename?: 'Maturity';
  asOf: Scalars['DateTime']['output'];
  /** Every criterion of every level: a level needs all of its own and those below. */
  evidence: Array<Evidence>;
  level: Scalars['Int']['output'];
  levelName: Scalars['String']['output'];
  modelVersion: Scalars['String']['output'];
  /** What is missing for the next level. */
  nextSteps: Array<Scalars['String']['output']>;
  /** Caveats, e.g. no line events on this member. */
  notes: Array<Scalars['String']['output']>;
};

/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type Member = {
  __typename?: 'Member';
  allocations: Maybe<Array<Allocation>>;
  /** The analytics models this member runs on its own data (the catalogue; no data). */
  analyticsModels: Array<AnalyticsModel>;
  /** Scrap-rate shifts and cycle-time drifts on the firm's lines that overlap [from, to] (AI_INSIGHTS; per-shift evidence, so RAW grants only). */
  anomalies: Maybe<Array<Anomaly>>;
  capabilities: Maybe<Array<Capability>>;
  /** Weekly capacity per process (Catena-X DCM style), one bucket per ISO week and process. */
  capacity: Maybe<Array<CapacityBucket>>;
  /** Available hours per process for the current and the next weeks (default 4, at most 12), times realised OEE, with an 80 % interval (AI_INSIGHTS). */
  capacityForecast: Maybe<Array<CapacityForecast>>;
  /** Every read of this firm's data by another firm, newest first (owner's users only). */
  dataUsage: Maybe<Array<DataUsageRecord>>;
  /** The ledger as CSV, same filters as dataUsage (owner's users only). */
  dataUsageCsv: Maybe<Scalars['String']['output']>;
  /** Records read per reader and category, allowed and denied (owner's users only). */
  dataUsageSummary: Maybe<Array<DataUsageSummary>>;
  id: Scalars['ID']['output'];
  lines: Maybe<Array<Line>>;
  /** Smart-factory level 1–5 computed from this firm's data and self-assessment, with the evidence and what the next level needs (AI_INSIGHTS). */
  maturity: Maybe<Maturity>;
  production: Maybe<Array<ProductionRecord>>;
  /** The self-assessment answers in force, null until answered (AI_INSIGHTS). */
  selfAssessment: Maybe<SelfAssessment>;
  /** The owner's sharing policies (owner's users only). Revoked ones are listed with includeRevoked. */
  sharingPolicies: Maybe<Array<SharingPolicy>>;
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
export type MemberAnomaliesArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  lineId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
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
export type MemberCapacityForecastArgs = {
  process?: InputMaybe<ProcessType>;
  weeks?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberDataUsageArgs = {
  category?: InputMaybe<DataCategory>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  readerId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberDataUsageCsvArgs = {
  category?: InputMaybe<DataCategory>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  readerId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberDataUsageSummaryArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
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


/**
 * A firm's shop-floor data, served by its own subgraph. Fields are nullable so that a
 * member that is down yields null for its part while the rest of the answer stands.
 */
export type MemberSharingPoliciesArgs = {
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Where a subscriber left off with one member: the last seq it received. */
export type MemberCursor = {
  memberId: Scalars['ID']['input'];
  seq: Scalars['Int']['input'];
};

/** Everything the firm owns on its member server, as one archive (README "Leaving a cluster"). */
export type MemberDataExport = {
  __typename?: 'MemberDataExport';
  /** The archive: gzip of NDJSON (the manifest line, then one line per row), base64-encoded. */
  archiveBase64: Scalars['String']['output'];
  /** Suggested file name, e.g. clustergraph-cast-20261207T031500Z.ndjson.gz. */
  fileName: Scalars['String']['output'];
  manifest: MemberExportManifest;
  /** Size of the archive in bytes (before base64). */
  sizeBytes: Scalars['Int']['output'];
};

/** What an export archive holds; the archive's first line, checked again by the import. */
export type MemberExportManifest = {
  __typename?: 'MemberExportManifest';
  /** sha256 (hex) of the archive's content lines, everything after the manifest line. */
  contentSha256: Scalars['String']['output'];
  exportedAt: Scalars['DateTime']['output'];
  /** clustergraph-member-export */
  format: Scalars['String']['output'];
  formatVersion: Scalars['Int']['output'];
  /** The last line-event seq in the archive (0 without events): the new server goes on after it. */
  lastEventSeq: Scalars['Int']['output'];
  memberId: Scalars['ID']['output'];
  tables: Array<MemberExportTableCount>;
  /** The transfer state the server was in when it exported (MOVING: nothing was written after it). */
  transferState: MemberTransferState;
};

/** Rows of one table in an export. */
export type MemberExportTableCount = {
  __typename?: 'MemberExportTableCount';
  rows: Scalars['Int']['output'];
  table: Scalars['String']['output'];
};

/**
 * Where a firm's member server stands in a move. SERVING: as always. MOVING: writes and line-event
 * ingest are refused (MEMBER_MOVING) while reads are still served, so an export taken now is final.
 * MOVED: this copy was deleted after the move; it serves nothing of the firm (MEMBER_MOVED).
 */
export type MemberTransferState =
  | 'MOVED'
  | 'MOVING'
  | 'SERVING';

/** The transfer state of a firm's member server. */
export type MemberTransferStatus = {
  __typename?: 'MemberTransferStatus';
  /** The last line-event seq stored here; while MOVING no event comes after it. */
  lastEventSeq: Scalars['Int']['output'];
  memberId: Scalars['ID']['output'];
  reason: Maybe<Scalars['String']['output']>;
  /** When the server entered this state. */
  since: Scalars['DateTime']['output'];
  state: MemberTransferState;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Record that the owner acted on a detected anomaly (the owner's users); acknowledging again replaces the action. */
  acknowledgeAnomaly: Anomaly;
  /**
   * Starts a move (the firm's own admins only): the server refuses writes and ingest with
   * MEMBER_MOVING from now on and keeps serving reads. Beginning twice returns the same status.
   */
  beginMemberMove: MemberTransferStatus;
  /** Ends a move that will not happen (the firm's own admins only): writes are accepted again. */
  cancelMemberMove: MemberTransferStatus;
  /**
   * Everything the firm owns (profile, lines, capabilities, capacity, allocations, production,
   * line events with their seq, sharing policies, the usage ledger, analytics answers) as one
   * archive with a manifest. The firm's own admins only: anyone else gets FORBIDDEN, and the
   * refusal is written to the firm's usage ledger.
   */
  exportMemberData: MemberDataExport;
  /** Grant a sharing policy (the owner's admins only); takes effect on the next request. */
  grantSharing: SharingPolicy;
  /**
   * Capacity rows from a spreadsheet (the firm's own admins and planners). Every row is checked
   * against setCapacity's bounds first and the report lists every problem; with dryRun nothing is
   * written. Without it the rows are written together, or, when any row has a problem, none
   * (BAD_USER_INPUT naming the first field, every problem in extensions.problems).
   */
  importCapacity: ImportReport;
  /** Production records from a spreadsheet: checked like reportProduction, then all-or-nothing like importCapacity. */
  importProduction: ImportReport;
  /** Allocations proposed by the cluster planner (idempotent on id). */
  proposeAllocations: Array<Allocation>;
  /** Remove a line that has no production history. */
  removeLine: Line;
  reportAllocationProgress: Allocation;
  /** Report line events (idempotent on eventId); without memberId, the events are the viewer's own firm's. */
  reportLineEvents: ReportLineEventsResult;
  reportProduction: Array<ProductionRecord>;
  respondToAllocation: Allocation;
  /** Revoke a policy (the owner's admins only); revoking twice returns it unchanged. */
  revokeSharing: SharingPolicy;
  /** Replace the firm's capability list. */
  setCapabilities: Array<Capability>;
  /** Set weekly actual/maximum hours and price per process; all rows are checked before any is written. */
  setCapacity: Array<CapacityBucket>;
  /** Answer the maturity self-assessment (the owner's users); earlier answers are kept for past levels. */
  setSelfAssessment: SelfAssessment;
  setSmartFactoryLevel: Member;
  /** Change a policy's grantee, purpose, granularity or validity (the owner's admins only). */
  updateSharing: SharingPolicy;
  /** Create or update a line. */
  upsertLine: Line;
  /**
   * Takes back a PROPOSED or ACCEPTED allocation (the cluster leader's planner, when it re-plans
   * or cancels the order); it leaves committedHours at once. Withdrawing a WITHDRAWN or DECLINED
   * one returns it unchanged; work under way (IN_PROGRESS, DONE) is a CONFLICT.
   */
  withdrawAllocation: Allocation;
};


export type MutationAcknowledgeAnomalyArgs = {
  action: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
};


export type MutationBeginMemberMoveArgs = {
  memberId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCancelMemberMoveArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationExportMemberDataArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationGrantSharingArgs = {
  input: SharingPolicyInput;
  memberId: Scalars['ID']['input'];
};


export type MutationImportCapacityArgs = {
  dryRun?: Scalars['Boolean']['input'];
  input: Array<CapacityInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationImportProductionArgs = {
  dryRun?: Scalars['Boolean']['input'];
  input: Array<ProductionRecordInput>;
  memberId: Scalars['ID']['input'];
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


export type MutationReportLineEventsArgs = {
  events: Array<LineEventInput>;
  memberId?: InputMaybe<Scalars['ID']['input']>;
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


export type MutationRevokeSharingArgs = {
  memberId: Scalars['ID']['input'];
  policyId: Scalars['ID']['input'];
};


export type MutationSetCapabilitiesArgs = {
  input: Array<CapabilityInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationSetCapacityArgs = {
  input: Array<CapacityInput>;
  memberId: Scalars['ID']['input'];
};


export type MutationSetSelfAssessmentArgs = {
  input: SelfAssessmentInput;
  memberId: Scalars['ID']['input'];
};


export type MutationSetSmartFactoryLevelArgs = {
  level: Scalars['Int']['input'];
  memberId: Scalars['ID']['input'];
};


export type MutationUpdateSharingArgs = {
  input: SharingPolicyChangeInput;
  memberId: Scalars['ID']['input'];
  policyId: Scalars['ID']['input'];
};


export type MutationUpsertLineArgs = {
  input: LineInput;
  memberId: Scalars['ID']['input'];
};


export type MutationWithdrawAllocationArgs = {
  id: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

/**
 * One line, one ISO week (Monday, KST). ISO 22400-2: planned busy time = Σ (run + down) minutes
 * of the shift records (records are net of planned stops); actual production time = planned busy
 * time − unplanned down time (records' downMinutes, or DOWN time from line events for shifts the
 * events cover); availability = actual production time ÷ planned busy time; performance = planned
 * run time per item (60 ÷ ratedUnitsPerHour min) × produced ÷ actual production time; quality =
 * good ÷ produced; oee = availability × performance × quality.
 */
export type OeeWeek = {
  __typename?: 'OeeWeek';
  availability: Scalars['Float']['output'];
  /** Unplanned down time. */
  downMinutes: Scalars['Float']['output'];
  downtimeSource: AnalyticsSource;
  goodQuantity: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  oee: Maybe<Scalars['Float']['output']>;
  /** Null when the line has no rated speed. */
  performance: Maybe<Scalars['Float']['output']>;
  plannedBusyMinutes: Scalars['Float']['output'];
  plannedRunMinutesPerItem: Maybe<Scalars['Float']['output']>;
  producedQuantity: Scalars['Int']['output'];
  /** Null when nothing was produced. */
  quality: Maybe<Scalars['Float']['output']>;
  /** Actual production time. */
  runMinutes: Scalars['Float']['output'];
  scrapQuantity: Scalars['Int']['output'];
  shifts: Scalars['Int']['output'];
  weekStart: Scalars['Date']['output'];
};

/** A policy's purpose: one purpose or ANY. */
export type PolicyPurpose =
  | 'AI_TRANSITION'
  | 'ANY'
  | 'BENCHMARKING'
  | 'JOINT_PLANNING'
  | 'MONITORING';

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

/**
 * One shift of one line, or, when the reader holds an AGGREGATED grant, one ISO week of the
 * whole firm: lineId "*" and shiftStart the week's Monday 00:00 UTC.
 */
export type ProductionRecord = {
  __typename?: 'ProductionRecord';
  downMinutes: Scalars['Float']['output'];
  /** ENERGY data: null (with FORBIDDEN) unless the reader may see energy. */
  energyKwh: Maybe<Scalars['Float']['output']>;
  goodQuantity: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  runMinutes: Scalars['Float']['output'];
  /** QUALITY data: null (with FORBIDDEN) unless the reader may see quality. */
  scrapQuantity: Maybe<Scalars['Int']['output']>;
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

export type ProgrammeKpi =
  | 'DEFECT_RATE'
  | 'ENERGY_PER_UNIT'
  | 'OEE'
  | 'ON_TIME_DELIVERY'
  | 'PRODUCTIVITY';

/** Why data is read (x-clustergraph-purpose header). */
export type Purpose =
  | 'AI_TRANSITION'
  | 'BENCHMARKING'
  | 'JOINT_PLANNING'
  | 'MONITORING';

export type Query = {
  __typename?: 'Query';
  /**
   * Stored line events (LINE_STATUS data), oldest first by seq; `afterSeq` pages on from the last
   * seq received. `from`/`to` bound the shop-floor time `at` (from inclusive, to exclusive).
   * At most `limit` events per member (default 100, at most 1000).
   */
  lineEvents: Array<LineStatusEvent>;
  /** Lines of the given members (all active members when omitted). */
  lines: Array<Line>;
};


export type QueryLineEventsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  lineIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryLinesArgs = {
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  state?: InputMaybe<LineState>;
};

export type ReportLineEventsResult = {
  __typename?: 'ReportLineEventsResult';
  accepted: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  events: Array<LineStatusEvent>;
};

export type RiskLevel =
  /** probability ≥ 0.6 */
  | 'HIGH'
  /** probability < 0.3 */
  | 'LOW'
  /** 0.3 ≤ probability < 0.6 */
  | 'MEDIUM';

export type SelfAssessment = {
  __typename?: 'SelfAssessment';
  answeredAt: Scalars['DateTime']['output'];
  answeredBy: Scalars['String']['output'];
  answers: Array<SelfAssessmentAnswer>;
};

export type SelfAssessmentAnswer = {
  __typename?: 'SelfAssessmentAnswer';
  answer: Scalars['Boolean']['output'];
  key: Scalars['String']['output'];
  level: Scalars['Int']['output'];
  question: Scalars['String']['output'];
};

/** Every question must be answered. */
export type SelfAssessmentInput = {
  analyticsInOperations: Scalars['Boolean']['input'];
  automaticEquipmentData: Scalars['Boolean']['input'];
  autonomousControl: Scalars['Boolean']['input'];
  environmentSafetyMonitoring: Scalars['Boolean']['input'];
  lotTraceability: Scalars['Boolean']['input'];
  realTimeControl: Scalars['Boolean']['input'];
};

/** A grant by the owner: who may read which category, for which purpose, at which detail, when. */
export type SharingPolicy = {
  __typename?: 'SharingPolicy';
  category: DataCategory;
  createdBy: Scalars['String']['output'];
  /** A member id, or a role: LEADER, PARTNER, ANCHOR, ANY_MEMBER. */
  grantee: Scalars['String']['output'];
  granularity: Granularity;
  id: Scalars['ID']['output'];
  /** Seeded when the firm's subgraph first started (the cluster's defaults); revocable. */
  isDefault: Scalars['Boolean']['output'];
  purpose: PolicyPurpose;
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  revokedBy: Maybe<Scalars['String']['output']>;
  validFrom: Scalars['DateTime']['output'];
  /** Open-ended when null. */
  validUntil: Maybe<Scalars['DateTime']['output']>;
};

/** A change to a policy; omitted fields keep their value, an explicit null validUntil makes it open-ended. */
export type SharingPolicyChangeInput = {
  grantee?: InputMaybe<Scalars['String']['input']>;
  granularity?: InputMaybe<Granularity>;
  purpose?: InputMaybe<PolicyPurpose>;
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type SharingPolicyInput = {
  category: DataCategory;
  /** A member id, or a role: LEADER, PARTNER, ANCHOR, ANY_MEMBER. */
  grantee: Scalars['String']['input'];
  granularity?: InputMaybe<Granularity>;
  purpose: PolicyPurpose;
  /** Default: now. */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Line events of the given members (all active members when omitted), optionally narrowed to lines and states; with resumeFrom, stored events after each cursor first, then live. */
  lineStatusChanged: LineStatusEvent;
};


export type SubscriptionLineStatusChangedArgs = {
  lineIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  resumeFrom?: InputMaybe<Array<MemberCursor>>;
  states?: InputMaybe<Array<LineState>>;
};

/**
 * A supplier's progress in an anchor's support programme, computed on the supplier's own
 * subgraph (the cluster subgraph hands over the key; the gateway routes it by memberId, under
 * the reader's identity and purpose). The baseline is frozen on the supplier at first computation.
 */
export type SupplierProgress = {
  __typename?: 'SupplierProgress';
  baselineComputedAt: Maybe<Scalars['DateTime']['output']>;
  baselineFrom: Scalars['Date']['output'];
  baselineTo: Scalars['Date']['output'];
  currentFrom: Scalars['Date']['output'];
  currentTo: Scalars['Date']['output'];
  kpis: Array<KpiChange>;
  levelNow: Maybe<Scalars['Int']['output']>;
  /** Level as of the end of the baseline period (frozen). */
  levelThen: Maybe<Scalars['Int']['output']>;
  memberId: Scalars['ID']['output'];
  programmeId: Scalars['ID']['output'];
  reason: Maybe<Scalars['String']['output']>;
  /** True when the supplier does not share AI_INSIGHTS with the reader for this purpose. */
  withheld: Scalars['Boolean']['output'];
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
  SupplierProgress: SupplierProgress;
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
  SupplierProgress:
    ( { __typename: 'SupplierProgress' }
    & GraphQLRecursivePick<FederationTypes['SupplierProgress'], {"memberId":true,"programmeId":true,"baselineFrom":true,"baselineTo":true,"currentFrom":true,"currentTo":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Allocation: ResolverTypeWrapper<AllocationRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AllocationCapacityConflict: ResolverTypeWrapper<AllocationCapacityConflict>;
  AllocationInput: AllocationInput;
  AllocationStatus: AllocationStatus;
  AnalyticsModel: ResolverTypeWrapper<AnalyticsModel>;
  AnalyticsSource: AnalyticsSource;
  Anomaly: ResolverTypeWrapper<AnomalyValue>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AnomalyAcknowledgement: ResolverTypeWrapper<AnomalyAcknowledgement>;
  AnomalyKind: AnomalyKind;
  AnomalyStatus: AnomalyStatus;
  Capability: ResolverTypeWrapper<CapabilityRow>;
  CapabilityInput: CapabilityInput;
  CapacityBucket: ResolverTypeWrapper<CapacityBucket>;
  CapacityForecast: ResolverTypeWrapper<CapacityForecast>;
  CapacityInput: CapacityInput;
  DataCategory: DataCategory;
  DataUsageRecord: ResolverTypeWrapper<DataUsageRow>;
  DataUsageSummary: ResolverTypeWrapper<DataUsageSummary>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DelayRisk: ResolverTypeWrapper<DelayRisk>;
  Evidence: ResolverTypeWrapper<Evidence>;
  EvidencePoint: ResolverTypeWrapper<EvidencePoint>;
  EvidenceSource: EvidenceSource;
  Granularity: Granularity;
  ImportProblem: ResolverTypeWrapper<ImportProblem>;
  ImportReport: ResolverTypeWrapper<ImportReport>;
  KpiChange: ResolverTypeWrapper<KpiChange>;
  Line: ResolverTypeWrapper<LineRow>;
  LineEventInput: LineEventInput;
  LineInput: LineInput;
  LineState: LineState;
  LineStatus: ResolverTypeWrapper<LineStatus>;
  LineStatusEvent: ResolverTypeWrapper<LineEvent>;
  Maturity: ResolverTypeWrapper<MaturityValue>;
  Member: ResolverTypeWrapper<MemberRef>;
  MemberCursor: MemberCursor;
  MemberDataExport: ResolverTypeWrapper<MemberDataExport>;
  MemberExportManifest: ResolverTypeWrapper<MemberExportManifest>;
  MemberExportTableCount: ResolverTypeWrapper<MemberExportTableCount>;
  MemberTransferState: MemberTransferState;
  MemberTransferStatus: ResolverTypeWrapper<MemberTransferStatus>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OeeWeek: ResolverTypeWrapper<OeeWeek>;
  PolicyPurpose: PolicyPurpose;
  ProcessType: ProcessType;
  ProductionRecord: ResolverTypeWrapper<ProductionRecordRow>;
  ProductionRecordInput: ProductionRecordInput;
  ProgrammeKpi: ProgrammeKpi;
  Purpose: Purpose;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReportLineEventsResult: ResolverTypeWrapper<Omit<ReportLineEventsResult, 'events'> & { events: Array<ResolversTypes['LineStatusEvent']> }>;
  RiskLevel: RiskLevel;
  SelfAssessment: ResolverTypeWrapper<SelfAssessmentValue>;
  SelfAssessmentAnswer: ResolverTypeWrapper<SelfAssessmentAnswer>;
  SelfAssessmentInput: SelfAssessmentInput;
  SharingPolicy: ResolverTypeWrapper<SharingPolicyRow>;
  SharingPolicyChangeInput: SharingPolicyChangeInput;
  SharingPolicyInput: SharingPolicyInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SupplierProgress: ResolverTypeWrapper<SupplierProgress>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Allocation: AllocationRow;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  AllocationCapacityConflict: AllocationCapacityConflict;
  AllocationInput: AllocationInput;
  AnalyticsModel: AnalyticsModel;
  Anomaly: AnomalyValue;
  Boolean: Scalars['Boolean']['output'];
  AnomalyAcknowledgement: AnomalyAcknowledgement;
  Capability: CapabilityRow;
  CapabilityInput: CapabilityInput;
  CapacityBucket: CapacityBucket;
  CapacityForecast: CapacityForecast;
  CapacityInput: CapacityInput;
  DataUsageRecord: DataUsageRow;
  DataUsageSummary: DataUsageSummary;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DelayRisk: DelayRisk;
  Evidence: Evidence;
  EvidencePoint: EvidencePoint;
  ImportProblem: ImportProblem;
  ImportReport: ImportReport;
  KpiChange: KpiChange;
  Line: LineRow;
  LineEventInput: LineEventInput;
  LineInput: LineInput;
  LineStatus: LineStatus;
  LineStatusEvent: LineEvent;
  Maturity: MaturityValue;
  Member: MemberRef;
  MemberCursor: MemberCursor;
  MemberDataExport: MemberDataExport;
  MemberExportManifest: MemberExportManifest;
  MemberExportTableCount: MemberExportTableCount;
  MemberTransferStatus: MemberTransferStatus;
  Mutation: Record<PropertyKey, never>;
  OeeWeek: OeeWeek;
  ProductionRecord: ProductionRecordRow;
  ProductionRecordInput: ProductionRecordInput;
  Query: Record<PropertyKey, never>;
  ReportLineEventsResult: Omit<ReportLineEventsResult, 'events'> & { events: Array<ResolversParentTypes['LineStatusEvent']> };
  SelfAssessment: SelfAssessmentValue;
  SelfAssessmentAnswer: SelfAssessmentAnswer;
  SelfAssessmentInput: SelfAssessmentInput;
  SharingPolicy: SharingPolicyRow;
  SharingPolicyChangeInput: SharingPolicyChangeInput;
  SharingPolicyInput: SharingPolicyInput;
  Subscription: Record<PropertyKey, never>;
  SupplierProgress: SupplierProgress | FederationReferenceTypes['SupplierProgress'];
}>;

export type AllocationResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Allocation'] = ResolversParentTypes['Allocation'], FederationReferenceType extends FederationReferenceTypes['Allocation'] = FederationReferenceTypes['Allocation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Allocation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  capacityConflict?: Resolver<Maybe<ResolversTypes['AllocationCapacityConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  declineReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  delayRisk?: Resolver<Maybe<ResolversTypes['DelayRisk']>, ParentType, ContextType>;
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
  withdrawReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type AllocationCapacityConflictResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['AllocationCapacityConflict'] = ResolversParentTypes['AllocationCapacityConflict']> = ResolversObject<{
  cause?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shortHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type AnalyticsModelResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['AnalyticsModel'] = ResolversParentTypes['AnalyticsModel']> = ResolversObject<{
  category?: Resolver<ResolversTypes['DataCategory'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AnomalyResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Anomaly'] = ResolversParentTypes['Anomaly']> = ResolversObject<{
  acknowledged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  acknowledgement?: Resolver<Maybe<ResolversTypes['AnomalyAcknowledgement']>, ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  end?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['EvidencePoint']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AnomalyKind'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  magnitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  magnitudeSigma?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['AnalyticsSource'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AnomalyStatus'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AnomalyAcknowledgementResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['AnomalyAcknowledgement'] = ResolversParentTypes['AnomalyAcknowledgement']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type CapacityForecastResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['CapacityForecast'] = ResolversParentTypes['CapacityForecast']> = ResolversObject<{
  availableHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  basis?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  committedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  expectedEffectiveHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  oeeRatio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  oeeWeeks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  process?: Resolver<ResolversTypes['ProcessType'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type DataUsageRecordResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['DataUsageRecord'] = ResolversParentTypes['DataUsageRecord']> = ResolversObject<{
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['DataCategory'], ParentType, ContextType>;
  granularity?: Resolver<Maybe<ResolversTypes['Granularity']>, ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  policyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  readerMemberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  readerUserId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DataUsageSummaryResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['DataUsageSummary'] = ResolversParentTypes['DataUsageSummary']> = ResolversObject<{
  allowedReads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  allowedRecords?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['DataCategory'], ParentType, ContextType>;
  deniedReads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deniedRecords?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastReadAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  readerMemberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DelayRiskResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['DelayRisk'] = ResolversParentTypes['DelayRisk']> = ResolversObject<{
  expectedCompletion?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['RiskLevel'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  probability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type EvidenceResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Evidence'] = ResolversParentTypes['Evidence']> = ResolversObject<{
  criterion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  measured?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  met?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EvidenceSource'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EvidencePointResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['EvidencePoint'] = ResolversParentTypes['EvidencePoint']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  baseline?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ImportProblemResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ImportProblem'] = ResolversParentTypes['ImportProblem']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ImportReportResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ImportReport'] = ResolversParentTypes['ImportReport']> = ResolversObject<{
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['ImportProblem']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  written?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type KpiChangeResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['KpiChange'] = ResolversParentTypes['KpiChange']> = ResolversObject<{
  baseline?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  benchmark?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  benchmarkSource?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  current?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  improved?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  kpi?: Resolver<ResolversTypes['ProgrammeKpi'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type LineResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Line'] = ResolversParentTypes['Line'], FederationReferenceType extends FederationReferenceTypes['Line'] = FederationReferenceTypes['Line']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Line']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oee?: Resolver<Maybe<Array<ResolversTypes['OeeWeek']>>, ParentType, ContextType, RequireFields<LineOeeArgs, 'from' | 'to'>>;
  processes?: Resolver<Array<ResolversTypes['ProcessType']>, ParentType, ContextType>;
  ratedUnitsPerHour?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  recentEvents?: Resolver<Maybe<Array<ResolversTypes['LineStatusEvent']>>, ParentType, ContextType, Partial<LineRecentEventsArgs>>;
  status?: Resolver<Maybe<ResolversTypes['LineStatus']>, ParentType, ContextType>;
}>;

export type LineStatusResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['LineStatus'] = ResolversParentTypes['LineStatus']> = ResolversObject<{
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['LineState'], ParentType, ContextType>;
}>;

export type LineStatusEventResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['LineStatusEvent'] = ResolversParentTypes['LineStatusEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cycleTimeSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  goodCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  line?: Resolver<ResolversTypes['Line'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousState?: Resolver<Maybe<ResolversTypes['LineState']>, ParentType, ContextType>;
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scrapCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['LineState'], ParentType, ContextType>;
}>;

export type MaturityResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Maturity'] = ResolversParentTypes['Maturity']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['Evidence']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  levelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextSteps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allocations?: Resolver<Maybe<Array<ResolversTypes['Allocation']>>, ParentType, ContextType, Partial<MemberAllocationsArgs>>;
  analyticsModels?: Resolver<Array<ResolversTypes['AnalyticsModel']>, ParentType, ContextType>;
  anomalies?: Resolver<Maybe<Array<ResolversTypes['Anomaly']>>, ParentType, ContextType, Partial<MemberAnomaliesArgs>>;
  capabilities?: Resolver<Maybe<Array<ResolversTypes['Capability']>>, ParentType, ContextType>;
  capacity?: Resolver<Maybe<Array<ResolversTypes['CapacityBucket']>>, ParentType, ContextType, RequireFields<MemberCapacityArgs, 'from' | 'to'>>;
  capacityForecast?: Resolver<Maybe<Array<ResolversTypes['CapacityForecast']>>, ParentType, ContextType, Partial<MemberCapacityForecastArgs>>;
  dataUsage?: Resolver<Maybe<Array<ResolversTypes['DataUsageRecord']>>, ParentType, ContextType, Partial<MemberDataUsageArgs>>;
  dataUsageCsv?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, Partial<MemberDataUsageCsvArgs>>;
  dataUsageSummary?: Resolver<Maybe<Array<ResolversTypes['DataUsageSummary']>>, ParentType, ContextType, Partial<MemberDataUsageSummaryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Maybe<Array<ResolversTypes['Line']>>, ParentType, ContextType>;
  maturity?: Resolver<Maybe<ResolversTypes['Maturity']>, ParentType, ContextType>;
  production?: Resolver<Maybe<Array<ResolversTypes['ProductionRecord']>>, ParentType, ContextType, RequireFields<MemberProductionArgs, 'from' | 'to'>>;
  selfAssessment?: Resolver<Maybe<ResolversTypes['SelfAssessment']>, ParentType, ContextType>;
  sharingPolicies?: Resolver<Maybe<Array<ResolversTypes['SharingPolicy']>>, ParentType, ContextType, RequireFields<MemberSharingPoliciesArgs, 'includeRevoked'>>;
  smartFactoryLevel?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type MemberDataExportResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberDataExport'] = ResolversParentTypes['MemberDataExport']> = ResolversObject<{
  archiveBase64?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  manifest?: Resolver<ResolversTypes['MemberExportManifest'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MemberExportManifestResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberExportManifest'] = ResolversParentTypes['MemberExportManifest']> = ResolversObject<{
  contentSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exportedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formatVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastEventSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tables?: Resolver<Array<ResolversTypes['MemberExportTableCount']>, ParentType, ContextType>;
  transferState?: Resolver<ResolversTypes['MemberTransferState'], ParentType, ContextType>;
}>;

export type MemberExportTableCountResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberExportTableCount'] = ResolversParentTypes['MemberExportTableCount']> = ResolversObject<{
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  table?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MemberTransferStatusResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberTransferStatus'] = ResolversParentTypes['MemberTransferStatus']> = ResolversObject<{
  lastEventSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['MemberTransferState'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeAnomaly?: Resolver<ResolversTypes['Anomaly'], ParentType, ContextType, RequireFields<MutationAcknowledgeAnomalyArgs, 'action' | 'id' | 'memberId'>>;
  beginMemberMove?: Resolver<ResolversTypes['MemberTransferStatus'], ParentType, ContextType, RequireFields<MutationBeginMemberMoveArgs, 'memberId'>>;
  cancelMemberMove?: Resolver<ResolversTypes['MemberTransferStatus'], ParentType, ContextType, RequireFields<MutationCancelMemberMoveArgs, 'memberId'>>;
  exportMemberData?: Resolver<ResolversTypes['MemberDataExport'], ParentType, ContextType, RequireFields<MutationExportMemberDataArgs, 'memberId'>>;
  grantSharing?: Resolver<ResolversTypes['SharingPolicy'], ParentType, ContextType, RequireFields<MutationGrantSharingArgs, 'input' | 'memberId'>>;
  importCapacity?: Resolver<ResolversTypes['ImportReport'], ParentType, ContextType, RequireFields<MutationImportCapacityArgs, 'dryRun' | 'input' | 'memberId'>>;
  importProduction?: Resolver<ResolversTypes['ImportReport'], ParentType, ContextType, RequireFields<MutationImportProductionArgs, 'dryRun' | 'input' | 'memberId'>>;
  proposeAllocations?: Resolver<Array<ResolversTypes['Allocation']>, ParentType, ContextType, RequireFields<MutationProposeAllocationsArgs, 'input' | 'memberId'>>;
  removeLine?: Resolver<ResolversTypes['Line'], ParentType, ContextType, RequireFields<MutationRemoveLineArgs, 'lineId' | 'memberId'>>;
  reportAllocationProgress?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationReportAllocationProgressArgs, 'goodQuantity' | 'id' | 'memberId' | 'scrapQuantity'>>;
  reportLineEvents?: Resolver<ResolversTypes['ReportLineEventsResult'], ParentType, ContextType, RequireFields<MutationReportLineEventsArgs, 'events'>>;
  reportProduction?: Resolver<Array<ResolversTypes['ProductionRecord']>, ParentType, ContextType, RequireFields<MutationReportProductionArgs, 'input' | 'memberId'>>;
  respondToAllocation?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationRespondToAllocationArgs, 'accept' | 'id' | 'memberId'>>;
  revokeSharing?: Resolver<ResolversTypes['SharingPolicy'], ParentType, ContextType, RequireFields<MutationRevokeSharingArgs, 'memberId' | 'policyId'>>;
  setCapabilities?: Resolver<Array<ResolversTypes['Capability']>, ParentType, ContextType, RequireFields<MutationSetCapabilitiesArgs, 'input' | 'memberId'>>;
  setCapacity?: Resolver<Array<ResolversTypes['CapacityBucket']>, ParentType, ContextType, RequireFields<MutationSetCapacityArgs, 'input' | 'memberId'>>;
  setSelfAssessment?: Resolver<ResolversTypes['SelfAssessment'], ParentType, ContextType, RequireFields<MutationSetSelfAssessmentArgs, 'input' | 'memberId'>>;
  setSmartFactoryLevel?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSetSmartFactoryLevelArgs, 'level' | 'memberId'>>;
  updateSharing?: Resolver<ResolversTypes['SharingPolicy'], ParentType, ContextType, RequireFields<MutationUpdateSharingArgs, 'input' | 'memberId' | 'policyId'>>;
  upsertLine?: Resolver<ResolversTypes['Line'], ParentType, ContextType, RequireFields<MutationUpsertLineArgs, 'input' | 'memberId'>>;
  withdrawAllocation?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationWithdrawAllocationArgs, 'id' | 'memberId'>>;
}>;

export type OeeWeekResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['OeeWeek'] = ResolversParentTypes['OeeWeek']> = ResolversObject<{
  availability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  downMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  downtimeSource?: Resolver<ResolversTypes['AnalyticsSource'], ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  oee?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  performance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  plannedBusyMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  plannedRunMinutesPerItem?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  producedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quality?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  runMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scrapQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shifts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type ProductionRecordResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ProductionRecord'] = ResolversParentTypes['ProductionRecord']> = ResolversObject<{
  downMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyKwh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  goodQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runMinutes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scrapQuantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  shiftStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  lineEvents?: Resolver<Array<ResolversTypes['LineStatusEvent']>, ParentType, ContextType, Partial<QueryLineEventsArgs>>;
  lines?: Resolver<Array<ResolversTypes['Line']>, ParentType, ContextType, Partial<QueryLinesArgs>>;
}>;

export type ReportLineEventsResultResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ReportLineEventsResult'] = ResolversParentTypes['ReportLineEventsResult']> = ResolversObject<{
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  duplicates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['LineStatusEvent']>, ParentType, ContextType>;
}>;

export type SelfAssessmentResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['SelfAssessment'] = ResolversParentTypes['SelfAssessment']> = ResolversObject<{
  answeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  answeredBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  answers?: Resolver<Array<ResolversTypes['SelfAssessmentAnswer']>, ParentType, ContextType>;
}>;

export type SelfAssessmentAnswerResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['SelfAssessmentAnswer'] = ResolversParentTypes['SelfAssessmentAnswer']> = ResolversObject<{
  answer?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  question?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SharingPolicyResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['SharingPolicy'] = ResolversParentTypes['SharingPolicy']> = ResolversObject<{
  category?: Resolver<ResolversTypes['DataCategory'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grantee?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  granularity?: Resolver<ResolversTypes['Granularity'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['PolicyPurpose'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  revokedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  lineStatusChanged?: SubscriptionResolver<ResolversTypes['LineStatusEvent'], "lineStatusChanged", ParentType, ContextType, Partial<SubscriptionLineStatusChangedArgs>>;
}>;

export type SupplierProgressResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['SupplierProgress'] = ResolversParentTypes['SupplierProgress'], FederationReferenceType extends FederationReferenceTypes['SupplierProgress'] = FederationReferenceTypes['SupplierProgress']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SupplierProgress']> | FederationReferenceType, FederationReferenceType, ContextType>;
  baselineComputedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  baselineFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  baselineTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  currentFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  currentTo?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  kpis?: Resolver<Array<ResolversTypes['KpiChange']>, ParentType, ContextType>;
  levelNow?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  levelThen?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  programmeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MemberContext> = ResolversObject<{
  Allocation?: AllocationResolvers<ContextType>;
  AllocationCapacityConflict?: AllocationCapacityConflictResolvers<ContextType>;
  AnalyticsModel?: AnalyticsModelResolvers<ContextType>;
  Anomaly?: AnomalyResolvers<ContextType>;
  AnomalyAcknowledgement?: AnomalyAcknowledgementResolvers<ContextType>;
  Capability?: CapabilityResolvers<ContextType>;
  CapacityBucket?: CapacityBucketResolvers<ContextType>;
  CapacityForecast?: CapacityForecastResolvers<ContextType>;
  DataUsageRecord?: DataUsageRecordResolvers<ContextType>;
  DataUsageSummary?: DataUsageSummaryResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DelayRisk?: DelayRiskResolvers<ContextType>;
  Evidence?: EvidenceResolvers<ContextType>;
  EvidencePoint?: EvidencePointResolvers<ContextType>;
  ImportProblem?: ImportProblemResolvers<ContextType>;
  ImportReport?: ImportReportResolvers<ContextType>;
  KpiChange?: KpiChangeResolvers<ContextType>;
  Line?: LineResolvers<ContextType>;
  LineStatus?: LineStatusResolvers<ContextType>;
  LineStatusEvent?: LineStatusEventResolvers<ContextType>;
  Maturity?: MaturityResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberDataExport?: MemberDataExportResolvers<ContextType>;
  MemberExportManifest?: MemberExportManifestResolvers<ContextType>;
  MemberExportTableCount?: MemberExportTableCountResolvers<ContextType>;
  MemberTransferStatus?: MemberTransferStatusResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OeeWeek?: OeeWeekResolvers<ContextType>;
  ProductionRecord?: ProductionRecordResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportLineEventsResult?: ReportLineEventsResultResolvers<ContextType>;
  SelfAssessment?: SelfAssessmentResolvers<ContextType>;
  SelfAssessmentAnswer?: SelfAssessmentAnswerResolvers<ContextType>;
  SharingPolicy?: SharingPolicyResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SupplierProgress?: SupplierProgressResolvers<ContextType>;
}>;

