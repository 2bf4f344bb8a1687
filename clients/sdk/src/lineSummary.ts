import type { MemberProblem } from './errors.ts';

/** How a member's lines read in one cell: running of those whose status the reader may see, never a zero made up of withheld data. */
export interface LineStatusSummary {
  text: string;
  /** 'data': counts of visible statuses; 'withheld': the firm does not share line status; 'unreachable': it did not answer. */
  kind: 'data' | 'withheld' | 'unreachable' | 'unknown';
  /** The counts behind the text, for clients that put it in other words (the Korean console). */
  counts: { total: number; known: number; running: number; unknown: number };
  /** Why the statuses that are not known are missing. */
  why: 'withheld' | 'unreachable' | 'unknown';
}

export function lineStatusSummary(lines: ReadonlyArray<{ status?: { state: string } | null }>, problem: MemberProblem | undefined): LineStatusSummary {
  const known = lines.filter((line) => line.status);
  const running = known.filter((line) => line.status!.state === 'RUNNING').length;
  const unknown = lines.length - known.length;
  const why = problem?.kind === 'unreachable' ? 'unreachable' : problem?.kind === 'withheld' ? 'withheld' : 'unknown';
  const lineCount = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
  const facts = { counts: { total: lines.length, known: known.length, running, unknown }, why } as const;
  if (lines.length > 0 && known.length === 0) {
    return { text: why === 'unknown' ? `${lineCount}, status not reported` : `${lineCount}, status ${why}`, kind: why, ...facts };
  }
  if (unknown > 0) return { text: `${running}/${known.length} running, ${unknown} ${why === 'unknown' ? 'not reported' : why}`, kind: 'data', ...facts };
  return { text: `${running}/${lines.length} running`, kind: 'data', ...facts };
}
