import { useEffect, useState } from 'react';
import type { WriteRetryReport } from '@clustergraph/sdk';
import { useI18n } from './i18n/useI18n.ts';

/**
 * Writes the console had to send again (same Idempotency-Key) because their first answer did not
 * arrive. Whatever page made the write, the layout says so ("outcome unknown — retried safely")
 * for a while; a write whose tries ran out shows its error where the write was made.
 */
type Listener = (report: WriteRetryReport) => void;
const listeners = new Set<Listener>();

export function reportWriteRetried(report: WriteRetryReport): void {
  for (const listener of listeners) listener(report);
}

const NOTICE_MS = 15_000;

export function useWriteRetriedNotice(): string | null {
  const { t } = useI18n();
  const [attempts, setAttempts] = useState<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener: Listener = (report) => {
      if (report.outcomeUnknown) return;
      setAttempts(report.attempts);
      clearTimeout(timer);
      timer = setTimeout(() => setAttempts(null), NOTICE_MS);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      clearTimeout(timer);
    };
  }, []);
  return attempts == null ? null : t('common:writeRetried', { retried: t('api:problem.writeRetried'), attempts });
}
