import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { createMemberSchema } from '../src/app.ts';
import { FIELD_RULES, OWNER_ONLY_FIELDS, UNGUARDED_FIELDS } from '../src/sovereignty/categories.ts';

// Every way into a firm's data must be classified: a new root field, Member field, or
// entity field of the standard fails here until it names its category (FIELD_RULES), is
// owner-only, or says why it carries none (UNGUARDED_FIELDS).
describe('policy field rules', () => {
  const schema = createMemberSchema();
  const classified = (key: string) => key in FIELD_RULES || OWNER_ONLY_FIELDS.has(key) || key in UNGUARDED_FIELDS;

  it('classifies every field of Query, Member and Line', () => {
    const missing: string[] = [];
    for (const typeName of ['Query', 'Member', 'Line']) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} missing`);
      for (const field of Object.keys(type.getFields())) if (!classified(`${typeName}.${field}`)) missing.push(`${typeName}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('classifies every subscription field (enforced per event with MemberAccess.canRead)', () => {
    const subscription = schema.getSubscriptionType();
    const missing = Object.keys(subscription?.getFields() ?? {}).filter((f) => !classified(`Subscription.${f}`));
    expect(missing).toEqual([]);
  });

  it('guards every entity type’s reference resolver', () => {
    for (const typeName of ['Line', 'Allocation']) expect(FIELD_RULES[`${typeName}.__resolveReference`]).toBeDefined();
    expect(UNGUARDED_FIELDS['Member.__resolveReference']).toBeDefined();
  });

  it('names only fields that exist', () => {
    for (const key of [...Object.keys(FIELD_RULES), ...OWNER_ONLY_FIELDS]) {
      const [typeName, field] = key.split('.') as [string, string];
      if (field === '__resolveReference') continue;
      const type = schema.getType(typeName);
      expect(isObjectType(type) && field in type.getFields(), key).toBe(true);
    }
  });
});
