import type { LineState } from '@clustergraph/sdk';

export function hours(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${Number.isInteger(value) ? value : value.toFixed(1)} h`;
}

export function won(value: number | null | undefined): string {
  if (value == null) return '—';
  return `₩${Math.round(value).toLocaleString('en-US')}`;
}

export function date(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const h = Math.round(minutes / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} d ago`;
}

export function processLabel(process: string): string {
  return process
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w === 'cnc' ? 'CNC' : w))
    .join(' ')
    .replace(/^Cnc/, 'CNC');
}

/** Colours by line state, exhaustive over LineState. */
export const LINE_STATE_COLOURS: Record<LineState, string> = {
  RUNNING: '#2e9d5b',
  IDLE: '#9aa5b1',
  CHANGEOVER: '#3b82c4',
  MAINTENANCE: '#8a63d2',
  DOWN: '#d64545',
  OFFLINE: '#4a4f55',
};
