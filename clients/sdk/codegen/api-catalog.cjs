// graphql-codegen plugin: emits a runtime catalogue of the public API: its root fields
// (so clients show a page or register a command only when the API behind it exists;
// later issues add subscriptions, planning, sharing and AI-transition fields) and the
// values of its enums (for option parsers, filters and legends), typed by the
// operation types the client preset generates.
'use strict';

const { isEnumType } = require('graphql');

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
module.exports.plugin = (schema) => {
  const roots = { Query: schema.getQueryType(), Mutation: schema.getMutationType(), Subscription: schema.getSubscriptionType() };
  const out = ['/** Root fields of schema/api.graphql, by operation type. */', 'export const apiRootFields = {'];
  for (const [name, type] of Object.entries(roots)) {
    const fields = type ? Object.keys(type.getFields()).sort() : [];
    out.push(`  ${name}: [${fields.map((f) => `'${f}'`).join(', ')}],`);
  }
  out.push('} as const;', '', '/** Values of every enum of schema/api.graphql (codegen sorts them by name). */', 'export const apiEnums = {');
  const enums = Object.values(schema.getTypeMap())
    .filter((type) => isEnumType(type) && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of enums)
    out.push(
      `  ${type.name}: [${type
        .getValues()
        .map((v) => `'${v.name}'`)
        .join(', ')}],`,
    );
  out.push('} as const;', '');
  return out.join('\n');
};
