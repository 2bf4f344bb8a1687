import { useEffect, useState } from 'react';
import { WRITE_RETRIED_TEXT, type WriteRetryReport } from '@clustergraph/sdk';

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
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener: Listener = (report) => {
      if (report.outcomeUnknown) return;
      setNotice(`${WRITE_RETRIED_TEXT} (${report.attempts} tries with the same key)`);
      clearTimeout(timer);
      timer = setTimeout(() => setNotice(null), NOTICE_MS);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      clearTimeout(timer);
    };
  }, []);
  return notice;
}
