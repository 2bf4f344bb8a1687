import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, cataloguesIn, keysUsedIn, missingKeys, sourcesUnder, withApiCatalogues } from '@clustergraph/i18n/testing';

// The console's catalogues (src/i18n/locales/{ko,en}/<namespace>.json) against its code: a key
// the code names and a language lacks fails here, before a reader sees a raw key.
const localesDir = fileURLToPath(new URL('../src/i18n/locales', import.meta.url));
const sources = sourcesUnder(fileURLToPath(new URL('../src', import.meta.url)));
const own = cataloguesIn(localesDir);

describe('console catalogues', () => {
  it('hold the same keys in Korean and English, as valid ICU messages taking the same arguments', () => {
    expect(Object.keys(own.ko).sort()).toEqual(Object.keys(own.en).sort());
    expect(catalogueProblems(own)).toEqual([]);
  });

  it('have every key the console names, in both languages', () => {
    const namespaces = Object.keys(withApiCatalogues(own).en);
    // The scan finds the console's keys at all (a broken pattern would pass vacuously).
    expect(sources.flatMap(({ file, source }) => keysUsedIn(file, source, namespaces)).length).toBeGreaterThan(20);
    expect(missingKeys(withApiCatalogues(own), sources)).toEqual([]);
  });
});
