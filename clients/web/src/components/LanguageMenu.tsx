import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '@clustergraph/i18n';
import { chooseLanguage } from '../i18n/index.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** 한국어 / English: switches the console at once and remembers the choice in this browser. */
export function LanguageMenu() {
  const { t, language } = useI18n();
  return (
    <select
      className="language-menu"
      data-testid="language-menu"
      aria-label={t('common:language.menu')}
      value={language}
      onChange={(e) => {
        if (isLanguage(e.target.value)) chooseLanguage(e.target.value);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  );
}
