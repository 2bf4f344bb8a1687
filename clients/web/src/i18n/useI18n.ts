import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiLabel,
  firmName,
  formatters,
  isLanguage,
  timeAgo,
  FALLBACK_LANGUAGE,
  type Formatters,
  type Language,
  type StandardEnum,
  type Translate,
} from '@clustergraph/i18n';

export interface ConsoleI18n {
  /** `t('namespace:key', { …ICU arguments })`. Always name the namespace: the catalogue test finds keys that way. */
  t: Translate;
  /** Numbers, won, dates and ISO weeks in the current language. */
  fmt: Formatters;
  language: Language;
  /** One of the standard's enum values in words ("HEAT_TREATMENT" → "열처리"). */
  label(enumName: StandardEnum, value: string): string;
  /** "5 min ago" / "5분 전". */
  ago(iso: string | null | undefined): string;
  /** A firm's own (Korean) name in Korean, its romanised name in English. */
  firm(member: { name: string; localName?: string | null }): string;
}

/** The current language's messages and formatters; components re-render when the language changes. */
export function useI18n(): ConsoleI18n {
  const { t: translate, i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : FALLBACK_LANGUAGE;
  // Re-made on a language change, so memoised tables and charts that depend on `t` redraw.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useCallback<Translate>((key, values) => (translate as unknown as Translate)(key, values ?? {}), [translate, language]);
  return useMemo(
    () => ({
      t,
      fmt: formatters(language),
      language,
      label: (enumName: StandardEnum, value: string) => apiLabel(t, enumName, value),
      ago: (iso: string | null | undefined) => timeAgo(t, iso),
      firm: (member: { name: string; localName?: string | null }) => firmName(member, language),
    }),
    [t, language],
  );
}
