/// <reference types="vite/client" />
import { LANGUAGES, type Catalogue, type Catalogues } from '@clustergraph/i18n';

/**
 * The console's catalogues: every `locales/<language>/<namespace>.json`, found at build time. A page
 * (or a helper's feature) adds its own namespace by adding the two files — no list to edit here.
 */
const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

export const CONSOLE_CATALOGUES: Catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, {}])) as Catalogues;
for (const [path, catalogue] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  const language = LANGUAGES.find((l) => l === match?.[1]);
  if (language && match) CONSOLE_CATALOGUES[language][match[2]!] = catalogue;
}
