/** The languages of the console and the CLI. English is the fallback: every key exists in it. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/** Each language named in itself, for the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = { ko: '한국어', en: 'English' };

/** The locale used for numbers and dates in each language. */
export const LOCALES: Record<Language, string> = { ko: 'ko-KR', en: 'en-US' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A BCP 47 tag ("ko-KR") or POSIX locale ("ko_KR.UTF-8") → one of our languages, if it is one. */
export function languageOfTag(tag: string): Language | undefined {
  const primary = tag
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The browser's choice: the first of `navigator.languages` that the console has. A Korean browser
 * (ko, ko-KR first) gets Korean; a browser asking for neither gets English.
 */
export function languageFromPreferences(tags: readonly string[] | undefined): Language {
  for (const tag of tags ?? []) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}

/**
 * The terminal's choice, as setlocale(3) reads it for messages: LC_ALL, else LC_MESSAGES, else
 * LANG — the first that is set and not empty. `ko_KR.UTF-8` (any `ko*`) gives Korean; C, POSIX,
 * unset or any other language gives English.
 */
export function languageFromPosixLocale(env: Readonly<Record<string, string | undefined>>): Language {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value != null && value !== '');
  return (locale && languageOfTag(locale)) || FALLBACK_LANGUAGE;
}
