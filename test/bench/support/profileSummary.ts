/**
 * Where the time went in a .cpuprofile (support/cpuProfile.mjs): self time by package (or
 * this repository's folder) and the top functions. `npx tsx test/bench/support/profileSummary.ts <file>`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The owner of a script: an npm package, a folder of this repository, or node itself. */
export function ownerOf(url: string): string {
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(gateway|subgraphs\/[^/]+|lib\/[^/]+|schema)\/(?:src|\.bundle)\//.exec(url);
  if (own) return own[1]!;
  if (url.startsWith('node:') || url === '') return url ? 'node' : '(native/gc/idle)';
  return url.replace(/^.*\//, '');
}

/** `window`: only samples from that many seconds before the profile's end to `skipEnd` seconds before it (a load run, not start-up). */
export function summarise(profile: Profile & { endTime: number }, top = 15, window?: { seconds: number; skipEnd: number }): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Sample times: the deltas add up to the profile's end (µs).
  const times: number[] = [];
  let t = profile.endTime;
  for (let i = profile.samples.length - 1; i >= 0; i--) {
    times[i] = t;
    t -= profile.timeDeltas[i] ?? 0;
  }
  const from = window ? profile.endTime - (window.seconds + window.skipEnd) * 1e6 : -Infinity;
  const to = window ? profile.endTime - window.skipEnd * 1e6 : Infinity;
  profile.samples.forEach((id, i) => {
    if (times[i]! >= from && times[i]! <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    total += us;
    const owner = name === '(garbage collector)' ? '(gc)' : ownerOf(node.callFrame.url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    const key = `${name} (${owner}:${node.callFrame.lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `busy ${(total / 1e6).toFixed(2)} s\nby owner:\n${rows(byOwner)}\ntop functions (self):\n${rows(byFunction)}`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  // --window=<seconds>[,<skip at the end>]
  const option = process.argv.find((a) => a.startsWith('--window='));
  const [seconds, skipEnd] = option ? option.slice(9).split(',').map(Number) : [];
  const window = seconds ? { seconds, skipEnd: skipEnd ?? 0 } : undefined;
  for (const file of process.argv.slice(2).filter((a) => !a.startsWith('--')))
    console.log(`== ${file}\n${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile & { endTime: number }, 15, window)}\n`);
}
