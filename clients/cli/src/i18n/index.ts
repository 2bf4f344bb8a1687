import { apiLabel, createI18n, firmName, formatters, isLanguage, type Formatters, type Language, type StandardEnum, type Translate } from '@clustergraph/i18n';
import { CLI_CATALOGUES } from './catalogues.ts';

export interface CliText {
  language: Language;
  /** `t('namespace:key', { …ICU arguments })`; always name the namespace (the catalogue test finds keys that way). */
  t: Translate;
  fmt: Formatters;
  /**
   * An enum value for a table cell. English prints the API's own value (what `--process` and
   * `--json` take and give, so output can be pasted back); Korean prints the word.
   */
  label(enumName: StandardEnum, value: string): string;
  /** A firm's own (Korean) name in Korean, its romanised name in English. */
  firmName(member: { name: string; localName?: string | null }): string;
}

const cache = new Map<Language, CliText>();

/** The CLI's messages in one language (one i18next instance per language, made on first use). */
export function cliText(language: Language): CliText {
  let text = cache.get(language);
  if (!text) {
    const i18n = createI18n({ language, catalogues: CLI_CATALOGUES, defaultNamespace: 'common' });
    const t: Translate = (key, values) => i18n.t(key, values ?? {});
    text = {
      language,
      t,
      fmt: formatters(language),
      label: (enumName, value) => (language === 'en' ? value : apiLabel(t, enumName, value)),
      firmName: (member) => firmName(member, language),
    };
    cache.set(language, text);
  }
  return text;
}

/**
 * `--lang ko|en` read from the arguments before commander parses them: the help and the
 * commands' descriptions are written when the program is built. Undefined when absent or not a
 * language (commander then refuses the value with the choices).
 */
export function languageFromArgv(argv: readonly string[]): Language | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined) return isLanguage(value) ? value : undefined;
  }
  return undefined;
}
