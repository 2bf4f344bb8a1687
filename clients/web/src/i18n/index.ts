import { initReactI18next } from 'react-i18next';
import { createI18n, isLanguage, languageFromPreferences, type Language } from '@clustergraph/i18n';
import { CONSOLE_CATALOGUES } from './catalogues.ts';

/** Where the language menu keeps the reader's choice (it wins over the browser's languages). */
export const LANGUAGE_STORAGE_KEY = 'clustergraph.language';

/** The reader's chosen language, else the first of the browser's languages that the console has (Korean for a Korean browser). */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage blocked: the browser's languages decide
  }
  return languageFromPreferences(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** The console's one i18next instance, ready before the first render. */
export const i18n = createI18n({ language: initialLanguage(), catalogues: CONSOLE_CATALOGUES, defaultNamespace: 'common', plugins: [initReactI18next] });

function markDocument(language: string): void {
  document.documentElement.lang = language;
  document.title = i18n.t('common:documentTitle');
}
markDocument(i18n.language);
i18n.on('languageChanged', markDocument);

/** Switches the console's language and remembers the choice. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not remembered; the switch still applies to this tab
  }
  void i18n.changeLanguage(language);
}
