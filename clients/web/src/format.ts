import type { LineState } from '@clustergraph/sdk';

// Numbers, money, dates and weeks are formatted per language by @clustergraph/i18n (useI18n().fmt).

/** Colours by line state, exhaustive over LineState. */
export const LINE_STATE_COLOURS: Record<LineState, string> = {
  RUNNING: '#2e9d5b',
  IDLE: '#9aa5b1',
  CHANGEOVER: '#3b82c4',
  MAINTENANCE: '#8a63d2',
  DOWN: '#d64545',
  OFFLINE: '#4a4f55',
};
