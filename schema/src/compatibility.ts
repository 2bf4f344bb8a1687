import { buildASTSchema, isEnumType, isInputObjectType, isObjectType, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { memberSdl } from './sdl.ts';

export interface CompatibilityProblem {
  path: string;
  message: string;
}

function toSchema(sdl: string): GraphQLSchema {
  const doc: DocumentNode = parse(sdl);
  // A subgraph's SDL references federation directives; buildSubgraphSchema knows them.
  try {
    return buildSubgraphSchema(doc);
  } catch {
    return buildASTSchema(doc, { assumeValidSDL: true });
  }
}

let standard: GraphQLSchema | null = null;

/**
 * Checks a member's `_service { sdl }` against the member standard: every type, field,
 * argument and enum value of the standard must be there with the same type. Extra
 * fields are allowed (they are simply not part of the cluster graph).
 */
export function checkMemberCompatibility(candidateSdl: string): CompatibilityProblem[] {
  standard ??= toSchema(memberSdl);
  let candidate: GraphQLSchema;
  try {
    candidate = toSchema(candidateSdl);
  } catch (error) {
    return [{ path: '(sdl)', message: `SDL does not parse: ${(error as Error).message}` }];
  }
  const problems: CompatibilityProblem[] = [];
  for (const type of Object.values(standard.getTypeMap())) {
    if (type.name.startsWith('__') || type.name.startsWith('_') || type.name.startsWith('link__') || type.name.startsWith('federation__')) continue;
    const other = candidate.getType(type.name);
    if (!other) {
      problems.push({ path: type.name, message: `type ${type.name} is missing` });
      continue;
    }
    if (isObjectType(type) || isInputObjectType(type)) {
      if (!(isObjectType(other) || isInputObjectType(other)) || isObjectType(type) !== isObjectType(other)) {
        problems.push({ path: type.name, message: `${type.name} has the wrong kind` });
        continue;
      }
      const otherFields = other.getFields();
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        const otherField = otherFields[field.name];
        const path = `${type.name}.${field.name}`;
        if (!otherField) {
          problems.push({ path, message: `field ${path} is missing` });
          continue;
        }
        if (String(otherField.type) !== String(field.type)) {
          problems.push({ path, message: `${path} has type ${String(otherField.type)}, the standard says ${String(field.type)}` });
        }
        if ('args' in field && 'args' in otherField) {
          for (const arg of field.args) {
            const otherArg = otherField.args.find((a) => a.name === arg.name);
            if (!otherArg) problems.push({ path: `${path}(${arg.name})`, message: `argument ${arg.name} of ${path} is missing` });
            else if (String(otherArg.type) !== String(arg.type)) {
              problems.push({
                path: `${path}(${arg.name})`,
                message: `argument ${arg.name} of ${path} has type ${String(otherArg.type)}, the standard says ${String(arg.type)}`,
              });
            }
          }
        }
      }
    } else if (isEnumType(type)) {
      if (!isEnumType(other)) {
        problems.push({ path: type.name, message: `${type.name} is not an enum` });
        continue;
      }
      const values = new Set(other.getValues().map((v) => v.name));
      for (const value of type.getValues()) {
        if (!values.has(value.name)) problems.push({ path: `${type.name}.${value.name}`, message: `enum value ${type.name}.${value.name} is missing` });
      }
    }
  }
  return problems;
}
