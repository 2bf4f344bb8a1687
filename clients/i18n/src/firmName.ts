import type { Language } from './languages.ts';

/**
 * A firm as the reader names it: its own (Korean) name in Korean, the romanised `name` in English
 * and whenever the firm has no local name on record.
 */
export function firmName(member: { name: string; localName?: string | null }, language: Language): string {
  return language === 'ko' && member.localName ? member.localName : member.name;
}
