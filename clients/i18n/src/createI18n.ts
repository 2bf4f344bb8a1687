import i18next, { type i18n, type Module, type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { FALLBACK_LANGUAGE, LANGUAGES, type Language } from './languages.ts';
import apiEn from './locales/en/api.json' with { type: 'json' };
import apiKo from './locales/ko/api.json' with { type: 'json' };

/** A catalogue: one namespace of one language, as its JSON file holds it (nested objects of ICU messages). */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Catalogues by language, then by namespace (the file's name without .json). */
export type Catalogues = Record<Language, Record<string, Catalogue>>;

/** The namespace shared by the console and the CLI: error codes, the standard's enum values, the API's words. */
export const API_NAMESPACE = 'api';

/** The shared catalogues every client loads beside its own. */
export const API_CATALOGUES: Catalogues = { ko: { [API_NAMESPACE]: apiKo }, en: { [API_NAMESPACE]: apiEn } };

export interface CreateI18nOptions {
  language: Language;
  /** The client's own catalogues; the shared `api` namespace is added. */
  catalogues: Catalogues;
  /** The namespace of keys written without one (the client's main namespace). */
  defaultNamespace: string;
  /** i18next plugins besides ICU (react-i18next's initReactI18next in the console). */
  plugins?: readonly Module[];
}

/**
 * An i18next instance with ICU messages (plurals, select, number and date arguments), every
 * catalogue loaded up front (they are small and bundled), ready on return. Keys are written
 * `namespace:dotted.key`; a key missing in Korean falls back to English, one missing in both
 * shows the key (the catalogue test keeps that from shipping).
 */
export function createI18n({ language, catalogues, defaultNamespace, plugins = [] }: CreateI18nOptions): i18n {
  const instance = i18next.createInstance();
  instance.use(ICU);
  for (const plugin of plugins) instance.use(plugin);
  const resources = Object.fromEntries(LANGUAGES.map((lng) => [lng, { ...API_CATALOGUES[lng], ...catalogues[lng] }]));
  const namespaces = [...new Set(LANGUAGES.flatMap((lng) => Object.keys(resources[lng] ?? {})))];
  void instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    ns: namespaces,
    defaultNS: defaultNamespace,
    nsSeparator: ':',
    keySeparator: '.',
    // React and the terminal escape for themselves; ICU does the interpolation.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

export type { TFunction, i18n as I18n };
