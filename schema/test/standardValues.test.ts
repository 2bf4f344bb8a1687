import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorCode, PROCESS_TYPES, standardEnums } from '../src/__generated__/values.ts';

// The standard's values live in its SDL; TypeScript gets them from the generated values.ts.
// `pnpm codegen --check` keeps that file in step with the SDL; these tests say the same in the
// unit suite, and keep hand-written copies from coming back.

const root = fileURLToPath(new URL('../../', import.meta.url));
const sdlFiles = ['schema/src/cluster.graphql', 'schema/src/member.graphql', 'schema/src/errors.graphql'];

function enumsIn(file: string): Map<string, string[]> {
  const document = parse(readFileSync(join(root, file), 'utf8'));
  const enums = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    enums.set(
      definition.name.value,
      ((definition as EnumTypeDefinitionNode).values ?? []).map((v) => v.name.value),
    );
  }
  return enums;
}

const generated: Record<string, readonly string[]> = standardEnums;

describe('the standard values generated from the SDL', () => {
  it('has every enum of the SDL, with its values in SDL order', () => {
    const fromSdl = new Map<string, string[]>();
    for (const file of sdlFiles) for (const [name, values] of enumsIn(file)) fromSdl.set(name, values);
    expect(Object.keys(generated).sort()).toEqual([...fromSdl.keys()].sort());
    for (const [name, values] of fromSdl) expect([name, generated[name]]).toEqual([name, values]);
  });

  it('agrees with both subgraph SDLs where they define the same enum (ProcessType)', () => {
    const cluster = enumsIn('schema/src/cluster.graphql');
    const member = enumsIn('schema/src/member.graphql');
    const shared = [...cluster.keys()].filter((name) => member.has(name));
    expect(shared).toContain('ProcessType');
    for (const name of shared) expect([name, cluster.get(name)]).toEqual([name, member.get(name)]);
    expect(PROCESS_TYPES).toEqual(member.get('ProcessType'));
  });

  it('has the same value sets as the composed API schema', () => {
    const api = enumsIn('schema/api.graphql');
    for (const [name, values] of api) expect([name, [...(generated[name] ?? [])].sort()]).toEqual([name, [...values].sort()]);
  });

  it('gives each error code an object entry equal to its name', () => {
    expect(Object.keys(ErrorCode)).toEqual([...ERROR_CODES]);
    for (const code of ERROR_CODES) expect(ErrorCode[code]).toBe(code);
  });
});

// --- No hand-written copies ---------------------------------------------------------------

const sourceRoots = [
  'gateway/src',
  'lib/runtime/src',
  'lib/launcher/src',
  'subgraphs/cluster/src',
  'subgraphs/member/src',
  'clients/sdk/src',
  'clients/i18n/src',
  'clients/cli/src',
  'clients/web/src',
  'demo/src',
];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__generated__' || name === 'dist') continue;
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) files.push(path);
  }
  return files;
}

/** The code of a file without its comments (string contents kept), so documentation may name values. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const literal = `'[A-Z][A-Z0-9_]*'`;
const arrayOfLiterals = new RegExp(`\\[\\s*(?:${literal}\\s*,\\s*)+${literal}\\s*,?\\s*\\]`, 'g');
const unionOfLiterals = new RegExp(`(?:${literal}\\s*\\|\\s*)+${literal}`, 'g');
const valuesOf = (match: string) => [...match.matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]!);

/**
 * Names of the enums whose values a literal list copies: an array holding all of an enum's values in
 * SDL order (perhaps with more), or a union type of exactly its values. An array of all the values in
 * another order says something else (e.g. which statuses may precede one) and is left alone.
 */
function copiedEnums(values: string[], kind: 'array' | 'union'): string[] {
  const copied: string[] = [];
  for (const [name, enumValues] of Object.entries(generated)) {
    if (enumValues.length < 2 || !enumValues.every((v) => values.includes(v))) continue;
    const positions = enumValues.map((v) => values.indexOf(v));
    const inOrder = positions.every((p, i) => i === 0 || p > positions[i - 1]!);
    if (kind === 'union' ? values.length === enumValues.length : inOrder) copied.push(name);
  }
  return copied;
}

describe('TypeScript sources', () => {
  const files = sourceRoots.flatMap((dir) => sourceFiles(join(root, dir)));

  it('are found', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('copy no enum of the standard by hand (they import @clustergraph/schema/values)', () => {
    const copies: string[] = [];
    for (const file of files) {
      const code = withoutComments(readFileSync(file, 'utf8'));
      for (const [pattern, kind] of [
        [arrayOfLiterals, 'array'],
        [unionOfLiterals, 'union'],
      ] as const) {
        for (const match of code.matchAll(pattern)) {
          for (const name of copiedEnums(valuesOf(match[0]), kind)) copies.push(`${relative(root, file)}: ${name} as ${match[0].replace(/\s+/g, ' ')}`);
        }
      }
    }
    expect(copies).toEqual([]);
  });

  it('write error codes only in the registries (errors.ts), never as literals elsewhere', () => {
    const registries = files.filter((file) => file.endsWith('/errors.ts'));
    const ownCodes = registries.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+): '\1',$/gm)].map((m) => m[1]!));
    // The member, cluster and gateway registries add codes of their own.
    expect(ownCodes).toEqual(expect.arrayContaining(['SUBSCRIBER_TOO_SLOW', 'PLANNING_UNAVAILABLE', 'CLUSTER_UNAVAILABLE', 'TOO_MANY_SUBSCRIPTIONS']));
    expect(ownCodes.filter((code) => (ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    const codes = new Set([...ERROR_CODES, ...ownCodes]);
    const literals: string[] = [];
    for (const file of files) {
      if (registries.includes(file)) continue;
      const code = withoutComments(readFileSync(file, 'utf8'));
      for (const match of code.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) if (codes.has(match[1]!)) literals.push(`${relative(root, file)}: ${match[0]}`);
    }
    expect(literals).toEqual([]);
  });
});
