import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, cataloguesIn, keysUsedIn, missingKeys, sourcesUnder, withApiCatalogues } from '@clustergraph/i18n/testing';
import { CLI_CATALOGUES } from '../src/i18n/catalogues.ts';
import { cliText, languageFromArgv } from '../src/i18n/index.ts';
import { readEnvironment } from '../src/config.ts';
import { createProgram } from '../src/program.ts';

const localesDir = fileURLToPath(new URL('../src/i18n/locales', import.meta.url));
const sources = sourcesUnder(fileURLToPath(new URL('../src', import.meta.url)));
const onDisk = cataloguesIn(localesDir);

describe('CLI catalogues', () => {
  it('bundle every catalogue file (catalogues.ts lists each namespace)', () => {
    for (const language of ['ko', 'en'] as const) expect(Object.keys(CLI_CATALOGUES[language]).sort()).toEqual(Object.keys(onDisk[language]).sort());
  });

  it('hold the same keys in Korean and English, as valid ICU messages taking the same arguments', () => {
    expect(catalogueProblems(onDisk)).toEqual([]);
  });

  it('have every key the CLI names, in both languages', () => {
    const namespaces = Object.keys(withApiCatalogues(onDisk).en);
    expect(sources.flatMap(({ file, source }) => keysUsedIn(file, source, namespaces)).length).toBeGreaterThan(10);
    expect(missingKeys(withApiCatalogues(onDisk), sources)).toEqual([]);
  });
});

describe('CLI language', () => {
  it('takes --lang from the arguments, before commander parses them', () => {
    expect(languageFromArgv(['members', '--lang', 'ko'])).toBe('ko');
    expect(languageFromArgv(['--lang=en', 'members'])).toBe('en');
    expect(languageFromArgv(['members', '--lang', 'fr'])).toBeUndefined();
    expect(languageFromArgv(['orders', 'create', '--', '--lang', 'ko'])).toBeUndefined();
    expect(languageFromArgv(['members'])).toBeUndefined();
  });

  it('defaults to the locale: ko_KR* is Korean, anything else English', () => {
    expect(readEnvironment({ LANG: 'ko_KR.UTF-8' }).language).toBe('ko');
    expect(readEnvironment({ LANG: 'ko_KR.UTF-8', LC_ALL: 'en_US.UTF-8' }).language).toBe('en');
    expect(readEnvironment({ LC_MESSAGES: 'ko_KR.UTF-8' }).language).toBe('ko');
    expect(readEnvironment({}).language).toBe('en');
  });

  it('writes the help in the chosen language', () => {
    const help = (language: 'ko' | 'en') => createProgram({ ...readEnvironment({}), language }).helpInformation();
    expect(help('ko')).toContain(cliText('ko').t('common:program.json'));
    expect(help('ko')).toContain('사용법');
    expect(help('en')).toContain('print JSON for scripts instead of tables');
    expect(help('en')).toContain('Usage:');
  });
});
