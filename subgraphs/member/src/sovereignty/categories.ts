import type { DataCategoryName } from '../db/sovereignty.ts';

/** The names resolvers have used since the foundation (`assertCanRead('lineStatus')`). */
export type LegacyCategoryName = 'profile' | 'capability' | 'capacity' | 'orders' | 'production' | 'quality' | 'energy' | 'lineStatus' | 'aiInsights';

/** Either spelling: the SDL enum (LINE_STATUS) or the resolvers' camelCase (lineStatus). */
export type CategoryName = DataCategoryName | LegacyCategoryName;

const LEGACY: Record<LegacyCategoryName, DataCategoryName> = {
  profile: 'PROFILE',
  capability: 'CAPABILITY',
  capacity: 'CAPACITY',
  orders: 'ORDERS',
  production: 'PRODUCTION',
  quality: 'QUALITY',
  energy: 'ENERGY',
  lineStatus: 'LINE_STATUS',
  aiInsights: 'AI_INSIGHTS',
};

export function toDataCategory(name: CategoryName): DataCategoryName {
  return (LEGACY as Record<string, DataCategoryName>)[name] ?? (name as DataCategoryName);
}

/**
 * What an AGGREGATED grant means for a field:
 * - `as-is`: the data is already an aggregate (weekly capacity per process, the profile,
 *   the capability list), so it is served unchanged;
 * - `aggregates`: the resolver serves weekly totals instead of rows (production);
 * - `per-row`: the field is per line, per shift or per order and has no aggregate form,
 *   so an AGGREGATED grant does not cover it (FORBIDDEN, reason AGGREGATED_ONLY);
 * - `follows-record`: a figure inside a production record, served under an AGGREGATED
 *   grant only when the record itself is a weekly total.
 */
export type AggregatedForm = 'as-is' | 'aggregates' | 'per-row' | 'follows-record';

export interface FieldRule {
  category: DataCategoryName;
  aggregated: AggregatedForm;
}

/**
 * The category of every field that reads the owner's data, whatever the way in: root
 * fields, entity references (`_entities`) and nested fields. Sub-fields of an object not
 * listed here are covered by the field that produced the object (a Line's name is read
 * through Member.lines, Query.lines or the Line reference, all CAPABILITY: a line's
 * existence is capability). test/policyFieldRules.test.ts fails when a new field is
 * added to the standard without being classified here or in UNGUARDED_FIELDS.
 */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Query.lines': { category: 'CAPABILITY', aggregated: 'per-row' },
  'Member.smartFactoryLevel': { category: 'PROFILE', aggregated: 'as-is' },
  'Member.capabilities': { category: 'CAPABILITY', aggregated: 'as-is' },
  'Member.lines': { category: 'CAPABILITY', aggregated: 'per-row' },
  'Member.capacity': { category: 'CAPACITY', aggregated: 'as-is' },
  'Member.allocations': { category: 'ORDERS', aggregated: 'per-row' },
  'Member.production': { category: 'PRODUCTION', aggregated: 'aggregates' },
  'Line.__resolveReference': { category: 'CAPABILITY', aggregated: 'per-row' },
  'Line.status': { category: 'LINE_STATUS', aggregated: 'per-row' },
  'Line.recentEvents': { category: 'LINE_STATUS', aggregated: 'per-row' },
  'Query.lineEvents': { category: 'LINE_STATUS', aggregated: 'per-row' },
  'Allocation.__resolveReference': { category: 'ORDERS', aggregated: 'per-row' },
  'ProductionRecord.scrapQuantity': { category: 'QUALITY', aggregated: 'follows-record' },
  'ProductionRecord.energyKwh': { category: 'ENERGY', aggregated: 'follows-record' },
  // AI transition (issue 6): results of the analytics models, never the raw data behind them.
  'Member.maturity': { category: 'AI_INSIGHTS', aggregated: 'as-is' },
  'Member.selfAssessment': { category: 'AI_INSIGHTS', aggregated: 'as-is' },
  'Member.capacityForecast': { category: 'AI_INSIGHTS', aggregated: 'as-is' },
  'Member.anomalies': { category: 'AI_INSIGHTS', aggregated: 'per-row' },
  'Line.oee': { category: 'AI_INSIGHTS', aggregated: 'as-is' },
};

/** Fields readable by the owner's users only (the policies and the ledger themselves). */
export const OWNER_ONLY_FIELDS: ReadonlySet<string> = new Set(['Member.sharingPolicies', 'Member.dataUsage', 'Member.dataUsageSummary', 'Member.dataUsageCsv']);

/**
 * Fields of Query, Member and the entities that carry no data of a category, with why.
 * Subscription fields are enforced by their own resolvers (events/lineStatusGate.ts).
 */
export const UNGUARDED_FIELDS: Readonly<Record<string, string>> = {
  'Member.id': 'the key the gateway routes on; public through the cluster registry',
  'Member.__resolveReference': 'yields only the key',
  'Line.id': 'read through a guarded field or reference',
  'Line.memberId': 'routing key',
  'Line.name': 'CAPABILITY, through the guarded parent',
  'Line.processes': 'CAPABILITY, through the guarded parent',
  'Line.ratedUnitsPerHour': 'CAPABILITY, through the guarded parent',
  'Line.member': 'yields only the key',
  'Query._service': 'federation SDL',
  'Query._entities': 'each reference is guarded by its type',
  'Subscription.lineStatusChanged': 'LINE_STATUS, decided at subscription start and at policy changes (events/lineStatusGate.ts); delivered events recorded',
  'Member.analyticsModels': 'the catalogue of models this member runs; no data of the firm',
  'SupplierProgress.__resolveReference':
    'AI_INSIGHTS, decided by the resolver itself: a refusal is answered as withheld KPIs with the reason (and recorded), so the programme view says per supplier what it cannot show',
};

/** Marks a production record that is a weekly total of the whole firm, not a shift of a line. */
export const AGGREGATED_RECORD = Symbol('aggregated production record');
export const AGGREGATED_LINE_ID = '*';

export function isAggregatedRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[AGGREGATED_RECORD] === true;
}
