import type { MemberProblem } from './errors.ts';

/** How a member's lines read in one cell: running of those whose status the reader may see, never a zero made up of withheld data. */
export interface LineStatusSummary {
  text: string;
  /** 'data': counts of visible statuses; 'withheld': the firm does not share line status; 'unreachable': it did not answer. */
  kind: 'data' | 'withheld' | 'unreachable' | 'unknown';
}

export function lineStatusSummary(lines: ReadonlyArray<{ status?: { state: string } | null }>, problem: MemberProblem | undefined): LineStatusSummary {
  const known = lines.filter((line) => line.status);
  const running = known.filter((line) => line.status!.state === 'RUNNING').length;
  const unknown = lines.length - known.length;
  const why = problem?.kind === 'unreachable' ? 'unreachable' : problem?.kind === 'withheld' ? 'withheld' : 'unknown';
  const lineCount = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
  if (lines.length > 0 && known.length === 0) {
    return { text: why === 'unknown' ? `${lineCount}, status not reported` : `${lineCount}, status ${why}`, kind: why };
  }
  if (unknown > 0) return { text: `${running}/${known.length} running, ${unknown} ${why === 'unknown' ? 'not reported' : why}`, kind: 'data' };
  return { text: `${running}/${lines.length} running`, kind: 'data' };
}
