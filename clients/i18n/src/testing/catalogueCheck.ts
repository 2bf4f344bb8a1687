import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, LOCALES } from '../languages.ts';
import { API_CATALOGUES, type Catalogue, type Catalogues } from '../createI18n.ts';

/**
 * The checks behind each client's catalogue test (`clients/web/test/catalogues.test.ts`,
 * `clients/cli/test/catalogues.test.ts`): every key the code names exists in every language,
 * Korean and English have the same keys, every message is valid ICU, and a message's two
 * languages take the same arguments.
 *
 * Keys are found in the source as string literals `'namespace:dotted.key'` (in a `t(…)` call or
 * kept as data, e.g. a page's nav label), and as template literals `` `namespace:prefix.${…}` ``,
 * which need at least one key under the prefix (enum labels are checked against the standard's
 * values separately).
 */

/** "a.b.c" → message, for one namespace of one language. */
export function flattenCatalogue(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flattenCatalogue(value, path)) flat.set(k, v);
  }
  return flat;
}

/** Every message of every language as "namespace:key" → message. */
export function flatCatalogues(catalogues: Catalogues): Record<string, Map<string, string>> {
  const result: Record<string, Map<string, string>> = {};
  for (const language of LANGUAGES) {
    const flat = new Map<string, string>();
    for (const [namespace, catalogue] of Object.entries(catalogues[language]))
      for (const [key, message] of flattenCatalogue(catalogue)) flat.set(`${namespace}:${key}`, message);
    result[language] = flat;
  }
  return result;
}

export interface KeyUse {
  file: string;
  key: string;
  /** A template literal: the key starts with this prefix. */
  prefix: boolean;
}

/** The keys a source file names (see above), for the given namespaces. */
export function keysUsedIn(file: string, source: string, namespaces: readonly string[]): KeyUse[] {
  const ns = namespaces.map((n) => n.replace(/[^\w-]/g, '')).join('|');
  const uses: KeyUse[] = [];
  for (const match of source.matchAll(new RegExp(`(['"\`])((?:${ns}):[A-Za-z0-9_.-]+)\\1`, 'g'))) uses.push({ file, key: match[2]!, prefix: false });
  for (const match of source.matchAll(new RegExp(`\`((?:${ns}):[A-Za-z0-9_.-]*)\\$\\{`, 'g'))) uses.push({ file, key: match[1]!, prefix: true });
  return uses;
}

/** Calls of t() whose key names no namespace: the convention is namespace:key everywhere, so that the check can find every key. */
export function keysWithoutNamespace(file: string, source: string): string[] {
  return [...source.matchAll(/\bt\(\s*(['"`])([^'"`:$]+)\1/g)].map((m) => `${file}: t(${m[1]}${m[2]}${m[1]}) names no namespace`);
}

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };

/** An ICU message's syntax tree, as i18next-icu parses it (no rich-text tags: "<id>" is text). */
function parseMessage(message: string, locale: string): Element[] {
  return new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as unknown as Element[];
}

/** The literal text of a message: its words without the arguments, plural and select branches included. */
export function messageLiterals(message: string, locale = 'en-US'): string[] {
  const literals: string[] = [];
  const walk = (elements: readonly Element[]) => {
    for (const element of elements) {
      if (element.type === 0 && element.value) literals.push(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(parseMessage(message, locale));
  return literals;
}

function argumentsOf(elements: readonly Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    // 0 literal, 7 pound ("#" in a plural): no argument of their own.
    if (element.type !== 0 && element.type !== 7 && element.value) into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, into);
    if (element.children) argumentsOf(element.children, into);
  }
  return into;
}

/** Problems with the catalogues themselves: keys in one language only, invalid ICU, arguments that differ. */
export function catalogueProblems(catalogues: Catalogues): string[] {
  const flat = flatCatalogues(catalogues);
  const problems: string[] = [];
  const [first, ...others] = LANGUAGES;
  for (const other of others) {
    for (const key of flat[first]!.keys()) if (!flat[other]!.has(key)) problems.push(`${key}: in ${first}, missing in ${other}`);
    for (const key of flat[other]!.keys()) if (!flat[first]!.has(key)) problems.push(`${key}: in ${other}, missing in ${first}`);
  }
  const argumentsByKey = new Map<string, { language: string; names: string }>();
  for (const language of LANGUAGES) {
    for (const [key, message] of flat[language]!) {
      let names: string;
      try {
        const ast = parseMessage(message, LOCALES[language]);
        names = [...argumentsOf(ast)].sort().join(', ');
      } catch (error) {
        problems.push(`${key} (${language}): not a valid ICU message: ${(error as Error).message}`);
        continue;
      }
      const seen = argumentsByKey.get(key);
      if (!seen) argumentsByKey.set(key, { language, names });
      else if (seen.names !== names) problems.push(`${key}: arguments differ, ${seen.language} {${seen.names}} vs ${language} {${names}}`);
    }
  }
  return problems;
}

/** Keys the code names that a language lacks, and code that names keys without a namespace. */
export function missingKeys(catalogues: Catalogues, files: ReadonlyArray<{ file: string; source: string }>): string[] {
  const flat = flatCatalogues(catalogues);
  const namespaces = [...new Set(LANGUAGES.flatMap((language) => Object.keys(catalogues[language])))];
  const problems: string[] = [];
  for (const { file, source } of files) {
    problems.push(...keysWithoutNamespace(file, source));
    for (const use of keysUsedIn(file, source, namespaces)) {
      for (const language of LANGUAGES) {
        const keys = flat[language]!;
        const found = use.prefix ? [...keys.keys()].some((key) => key.startsWith(use.key)) : keys.has(use.key);
        if (!found) problems.push(`${use.file}: ${use.prefix ? `no key under ${use.key}…` : use.key} in ${language}`);
      }
    }
  }
  return problems;
}

/** The .ts/.tsx files under a directory (tests and generated code left out), with their text. */
export function sourcesUnder(dir: string): Array<{ file: string; source: string }> {
  const found: Array<{ file: string; source: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__generated__' || name === 'dist') continue;
    if (statSync(path).isDirectory()) found.push(...sourcesUnder(path));
    else if (/\.tsx?$/.test(name)) found.push({ file: path, source: readFileSync(path, 'utf8') });
  }
  return found;
}

/** Catalogue files laid out as `<dir>/<language>/<namespace>.json`. */
export function cataloguesIn(dir: string): Catalogues {
  const catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, {} as Record<string, Catalogue>])) as Catalogues;
  for (const language of LANGUAGES) {
    let names: string[];
    try {
      names = readdirSync(join(dir, language));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.json')))
      catalogues[language][name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, language, name), 'utf8')) as Catalogue;
  }
  return catalogues;
}

/** A client's catalogues with the shared `api` namespace beside them, as the client loads them. */
export function withApiCatalogues(catalogues: Catalogues): Catalogues {
  return Object.fromEntries(LANGUAGES.map((language) => [language, { ...API_CATALOGUES[language], ...catalogues[language] }])) as Catalogues;
}
