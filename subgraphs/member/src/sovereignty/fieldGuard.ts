import type { GraphQLFieldResolver } from 'graphql';
import type { MemberContext } from '../context.ts';
import { FIELD_RULES, OWNER_ONLY_FIELDS, isAggregatedRecord, type FieldRule } from './categories.ts';

type AnyResolver = GraphQLFieldResolver<unknown, MemberContext, Record<string, unknown>>;
type ReferenceResolver = (reference: unknown, context: MemberContext, info: unknown) => unknown;
type ResolverMap = Record<string, Record<string, unknown>>;

/** How many records a field served: list length, 1 for a value, 0 for null. */
export function countRecords(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return result === null || result === undefined ? 0 : 1;
}

function defaultResolver(field: string): AnyResolver {
  return (parent) => (parent as Record<string, unknown> | null)?.[field];
}

function guardField(rule: FieldRule, resolve: AnyResolver): AnyResolver {
  return async (parent, args, context, info) => {
    const decision = await context.access.decide(rule.category, rule.aggregated, isAggregatedRecord(parent));
    if (!decision.allowed) {
      context.access.recordRead(rule.category, decision, 1);
      throw context.access.forbidden(rule.category, decision.reason);
    }
    const result = await resolve(parent, args, context, info);
    context.access.recordRead(rule.category, decision, countRecords(result));
    return result;
  };
}

function guardReference(rule: FieldRule, resolve: ReferenceResolver): ReferenceResolver {
  return async (reference, context, info) => {
    const decision = await context.access.decide(rule.category, rule.aggregated);
    if (!decision.allowed) {
      context.access.recordRead(rule.category, decision, 1);
      throw context.access.forbidden(rule.category, decision.reason);
    }
    const result = await resolve(reference, context, info);
    context.access.recordRead(rule.category, decision, countRecords(result));
    return result;
  };
}

function guardOwnerOnly(field: string, resolve: AnyResolver): AnyResolver {
  return (parent, args, context, info) => {
    context.access.assertOwner(field);
    return resolve(parent, args, context, info);
  };
}

/**
 * Wraps every field of FIELD_RULES (and OWNER_ONLY_FIELDS) in the owner's policies, so
 * enforcement and the usage ledger do not depend on each resolver remembering to ask:
 * a refused field resolves to null with FORBIDDEN { category, purpose, memberId }, an
 * allowed one is recorded with the number of records it served. Fields without a
 * resolver of their own (ProductionRecord.scrapQuantity) get one that reads the property.
 */
export function guardResolvers<T extends object>(resolvers: T): T {
  const source = resolvers as ResolverMap;
  const guarded: ResolverMap = { ...source };
  const copied = new Set<string>();
  const fieldsOf = (type: string) => {
    if (!copied.has(type)) {
      guarded[type] = { ...(source[type] ?? {}) };
      copied.add(type);
    }
    return guarded[type]!;
  };
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const [type, field] = key.split('.') as [string, string];
    const fields = fieldsOf(type);
    const original = fields[field];
    if (field === '__resolveReference') {
      if (typeof original !== 'function') throw new Error(`${key}: no reference resolver to guard`);
      fields[field] = guardReference(rule, original as ReferenceResolver);
    } else {
      fields[field] = guardField(rule, (original as AnyResolver | undefined) ?? defaultResolver(field));
    }
  }
  for (const key of OWNER_ONLY_FIELDS) {
    const [type, field] = key.split('.') as [string, string];
    const fields = fieldsOf(type);
    const original = fields[field] as AnyResolver | undefined;
    if (!original) throw new Error(`${key}: no resolver to guard`);
    fields[field] = guardOwnerOnly(key, original);
  }
  return guarded as T;
}
