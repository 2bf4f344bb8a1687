// The README's API examples as data: every ```graphql block, and every ```sh/```ts block that
// talks to the gateway, with the marker comment before it that says how to run it:
//
//   <!-- example: NAME [as=USER] [purpose=PURPOSE] [order=CODE] [vars=next-json] [subscription] -->
//   <!-- not-run: REASON -->
//
// `as` and `purpose` are the viewer and x-clustergraph-purpose the README names for the
// block; `order` says which joint order `jo-…` and `plan-…` stand for; `vars=next-json`
// takes the operation's variables from the next ```json block. Dates in examples are
// written for the week named by `<!-- examples-week: YYYY-MM-DD -->`; a test run moves them
// by whole weeks to the current week, so "next week" stays next week.
import { readFileSync } from 'node:fs';

export type Marker =
  | { kind: 'run'; name: string; as?: string; purpose?: string; order?: string; varsFromNextJson: boolean; subscription: boolean }
  | { kind: 'not-run'; reason: string };

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  marker: Marker | null;
  /** The next ```json block's content, when the marker asks for it. */
  nextJson?: string;
}

/** Blocks that are API examples: they must carry a marker. */
export function isApiExample(block: Pick<ReadmeBlock, 'lang' | 'code'>): boolean {
  if (block.lang === 'graphql') return true;
  if (block.lang === 'sh') return /\bcurl\b[^\n]*localhost:4000/.test(block.code); // `pnpm start` is not an API call
  if (block.lang === 'ts') return /localhost:4000/.test(block.code);
  return false;
}

function parseMarker(text: string): Marker | null {
  const notRun = /^<!--\s*not-run:\s*([\s\S]+?)\s*-->$/.exec(text);
  if (notRun) return { kind: 'not-run', reason: notRun[1]! };
  const example = /^<!--\s*example:\s*([\s\S]+?)\s*-->$/.exec(text);
  if (!example) return null;
  const [name, ...words] = example[1]!.split(/\s+/);
  const attrs = new Map(words.map((w) => [w.split('=')[0]!, w.includes('=') ? w.slice(w.indexOf('=') + 1) : 'true']));
  return {
    kind: 'run',
    name: name!,
    ...(attrs.has('as') ? { as: attrs.get('as')! } : {}),
    ...(attrs.has('purpose') ? { purpose: attrs.get('purpose')! } : {}),
    ...(attrs.has('order') ? { order: attrs.get('order')! } : {}),
    varsFromNextJson: attrs.get('vars') === 'next-json',
    subscription: attrs.has('subscription'),
  };
}

export interface Readme {
  blocks: ReadmeBlock[];
  /** The Monday the examples' dates are written for. */
  examplesWeek: string;
}

export function readReadme(file: string): Readme {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  let examplesWeek: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const week = /<!--\s*examples-week:\s*(\d{4}-\d{2}-\d{2})\s*-->/.exec(lines[i]!);
    if (week) examplesWeek = week[1]!;
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(open[1]!.length));
    // The marker: the last non-blank line before the fence, when it is a comment.
    let j = start - 1;
    while (j >= 0 && lines[j]!.trim() === '') j--;
    const marker = j >= 0 ? parseMarker(lines[j]!.trim()) : null;
    blocks.push({ line: start + 1, lang: open[2]!, code: body.join('\n'), marker });
  }
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]!;
    if (block.marker?.kind === 'run' && block.marker.varsFromNextJson) {
      const json = blocks.slice(k + 1).find((b) => b.lang === 'json');
      if (json) block.nextJson = json.code;
    }
  }
  if (!examplesWeek) throw new Error('README has no <!-- examples-week: YYYY-MM-DD --> marker');
  return { blocks, examplesWeek };
}

const DAY = 86_400_000;

/** Monday (UTC) of the ISO week of `day`. */
export function mondayOf(day: Date): Date {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
}

/** Every YYYY-MM-DD in `code` moved by `weeks` whole weeks (weekdays and week offsets kept). */
export function shiftDates(code: string, weeks: number): string {
  if (weeks === 0) return code;
  return code.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_all, y: string, m: string, d: string) => {
    const moved = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) + weeks * 7 * DAY);
    return moved.toISOString().slice(0, 10);
  });
}

export function weeksBetween(fromMonday: string, to: Date): number {
  return Math.round((mondayOf(to).getTime() - new Date(`${fromMonday}T00:00:00Z`).getTime()) / (7 * DAY));
}
