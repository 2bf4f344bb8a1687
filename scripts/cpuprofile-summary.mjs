// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/folder.
// Usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const self = new Map();
const byArea = new Map();
const area = (url) => {
  if (!url) return '(native/idle)';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const src = /\/(subgraphs\/[^/]+\/src\/[^/]+|lib\/[^/]+\/src)/.exec(url);
  if (src) return src[1];
  return url.startsWith('node:') ? 'node core' : url.replace(/^.*\//, '');
};
for (const [id, us] of dt) {
  const n = byId.get(id);
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.replace(/^.*node_modules\//, '').replace(/^.*\/wt-[^/]+\//, '') : ''}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  const a =
    f.functionName === '(idle)' ? '(idle)' : f.functionName === '(garbage collector)' ? '(gc)' : f.functionName === '(program)' ? '(program)' : area(f.url);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
console.log(`total ${(total / 1e6).toFixed(1)} s sampled`);
console.log('-- by package / source folder (self time) --');
for (const [k, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
console.log('-- by function (self time) --');
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
