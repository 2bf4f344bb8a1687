import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorCode, standardEnums } from '@clustergraph/sdk';
import {
  API_CATALOGUES,
  apiLabel,
  createI18n,
  describeApiError,
  describeProblem,
  formatters,
  languageFromPosixLocale,
  languageFromPreferences,
  lineSummaryText,
  timeAgo,
  type Language,
  type Translate,
} from '../src/index.ts';
import { catalogueProblems, flatCatalogues, missingKeys, sourcesUnder } from '../src/testing/catalogueCheck.ts';

function translator(language: Language): Translate {
  const i18n = createI18n({ language, catalogues: { ko: {}, en: {} }, defaultNamespace: 'api' });
  return (key, values) => i18n.t(key, values ?? {});
}
const ko = translator('ko');
const en = translator('en');

describe('language detection', () => {
  it('gives Korean to a Korean browser and English to others', () => {
    expect(languageFromPreferences(['ko-KR', 'ko', 'en-US'])).toBe('ko');
    expect(languageFromPreferences(['ko'])).toBe('ko');
    expect(languageFromPreferences(['en-US', 'ko-KR'])).toBe('en');
    expect(languageFromPreferences(['ja-JP', 'ko-KR'])).toBe('ko');
    expect(languageFromPreferences(['de-DE'])).toBe('en');
    expect(languageFromPreferences([])).toBe('en');
    expect(languageFromPreferences(undefined)).toBe('en');
  });

  it('reads LC_ALL, then LC_MESSAGES, then LANG, as setlocale does', () => {
    expect(languageFromPosixLocale({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageFromPosixLocale({ LANG: 'ko_KR.eucKR' })).toBe('ko');
    expect(languageFromPosixLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageFromPosixLocale({ LANG: 'ko_KR.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(languageFromPosixLocale({ LANG: 'ko_KR.UTF-8', LC_ALL: '' })).toBe('ko');
    expect(languageFromPosixLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(languageFromPosixLocale({})).toBe('en');
  });
});

describe('formatters', () => {
  it('write won with ₩ and ko-KR grouping in both languages, never a zero for a missing value', () => {
    expect(formatters('ko').won(1_250_000)).toBe('₩1,250,000');
    expect(formatters('en').won(95_000.4)).toBe('₩95,000');
    expect(formatters('ko').won(null)).toBe('—');
  });

  it('write dates the Korean way in Korean and ISO 8601 in English', () => {
    expect(formatters('ko').date('2026-12-07')).toBe('2026. 12. 7.');
    expect(formatters('ko').date('2026-12-07T23:30:00Z')).toBe('2026. 12. 7.');
    expect(formatters('en').date('2026-12-07T23:30:00Z')).toBe('2026-12-07');
    expect(formatters('ko').dateLong('2026-12-07')).toBe('2026년 12월 7일 (월)');
  });

  it('name ISO weeks, including the week-year at a year boundary', () => {
    expect(formatters('en').week('2026-12-07')).toBe('2026-W50');
    expect(formatters('ko').week('2026-12-07')).toBe('2026년 50주차');
    // 2026-12-28 is in ISO week 53 of 2026; 2027-01-01 (a Friday) too.
    expect(formatters('ko').week('2027-01-01')).toBe('2026년 53주차');
  });

  it('write numbers and hours with the locale grouping', () => {
    expect(formatters('ko').hours(1234.56)).toBe('1,234.6시간');
    expect(formatters('en').hours(40)).toBe('40 h');
    expect(formatters('ko').percent(0.125)).toBe('12.5%');
  });
});

describe('the shared api catalogue', () => {
  it('is valid ICU, with the same keys and arguments in Korean and English', () => {
    expect(catalogueProblems(API_CATALOGUES)).toEqual([]);
  });

  it('names every value of every enum of the standard, and every error code, in both languages', () => {
    const flat = flatCatalogues(API_CATALOGUES);
    const missing: string[] = [];
    for (const language of ['ko', 'en'] as const) {
      for (const [name, values] of Object.entries(standardEnums)) {
        if (name === 'ErrorCode') continue;
        for (const value of values) if (!flat[language]!.has(`api:enum.${name}.${value}`)) missing.push(`${language} ${name}.${value}`);
      }
      for (const code of ERROR_CODES) if (!flat[language]!.has(`api:error.${code}`)) missing.push(`${language} error ${code}`);
    }
    expect(missing).toEqual([]);
  });

  it('has every key the shared helpers use', () => {
    const sources = sourcesUnder(fileURLToPath(new URL('../src', import.meta.url)));
    expect(sources.length).toBeGreaterThan(3);
    expect(missingKeys(API_CATALOGUES, sources)).toEqual([]);
  });
});

describe('the API in words', () => {
  const names = (id: string) => ({ cast: '한빛주조' })[id] ?? id;

  it('labels enum values in each language', () => {
    expect(apiLabel(ko, 'LineState', 'DOWN')).toBe('고장');
    expect(apiLabel(ko, 'ProcessType', 'HEAT_TREATMENT')).toBe('열처리');
    expect(apiLabel(en, 'ProcessType', 'HEAT_TREATMENT')).toBe('Heat treatment');
    expect(apiLabel(ko, 'LineState', 'NOT_A_STATE')).toBe('NOT_A_STATE');
  });

  it('translates errors by code, keeping the English message, and falls back to the message for unknown codes', () => {
    const unreachable = { message: 'member cast did not answer', extensions: { code: ErrorCode.MEMBER_UNAVAILABLE, memberId: 'cast' } };
    expect(describeApiError(ko, unreachable, names)).toBe('한빛주조 응답 없음');
    expect(describeApiError(en, unreachable, names)).toBe('한빛주조 unreachable');
    const badInput = { message: 'quantity must be positive', extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'input.quantity' } };
    expect(describeApiError(ko, badInput)).toBe('입력값 오류 (input.quantity): quantity must be positive');
    expect(describeApiError(en, badInput)).toBe('quantity must be positive');
    const own = { message: 'subscriber too slow', extensions: { code: 'SUBSCRIBER_TOO_SLOW' } };
    expect(describeApiError(ko, own)).toBe('subscriber too slow');
    expect(describeApiError(ko, { message: 'no code at all' })).toBe('no code at all');
    const withheld = { message: 'withheld', extensions: { code: ErrorCode.FORBIDDEN, memberId: 'cast' } };
    expect(describeApiError(ko, withheld, names)).toBe('한빛주조의 공유 정책에 따라 비공개');
    // A refusal of the viewer's role is not a sharing policy: what is needed, in the API's words.
    const role = {
      message: "only an admin of cast may export cast's data",
      extensions: { code: ErrorCode.FORBIDDEN, memberId: 'cast', required: 'OWNER_ADMIN' },
    };
    expect(describeApiError(en, role, names)).toBe("only an admin of cast may export cast's data");
    expect(describeApiError(ko, role, names)).toBe("권한 없음: only an admin of cast may export cast's data");
    expect(describeProblem(ko, { memberId: 'cast', kind: 'withheld', message: '' }, '한빛주조')).toBe('한빛주조의 공유 정책에 따라 비공개');
  });

  it('puts line summaries in words with ICU plurals', () => {
    expect(lineSummaryText(en, [{ status: null }], { memberId: 'm', kind: 'withheld', message: '' }).text).toBe('1 line, status withheld');
    expect(lineSummaryText(en, [{ status: null }, { status: null }], undefined).text).toBe('2 lines, status not reported');
    expect(lineSummaryText(ko, [{ status: { state: 'RUNNING' } }, { status: { state: 'DOWN' } }], undefined).text).toBe('2개 중 1개 가동');
    expect(lineSummaryText(en, [{ status: { state: 'RUNNING' } }, { status: null }], { memberId: 'm', kind: 'withheld', message: '' }).text).toBe(
      '1/1 running, 1 withheld',
    );
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(timeAgo(en, '2026-12-07T11:55:00Z', now)).toBe('5 min ago');
    expect(timeAgo(ko, '2026-12-07T11:55:00Z', now)).toBe('5분 전');
    expect(timeAgo(ko, '2026-12-04T12:00:00Z', now)).toBe('3일 전');
  });
});
