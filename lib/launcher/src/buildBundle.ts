// `pnpm build` in a service package (gateway, subgraphs): builds its esbuild bundle
// (<package>/.bundle/main.mjs), the very file the demo and the end-to-end tests run, and
// prints where it is. Usage: tsx lib/launcher/src/buildBundle.ts [packageDir] [entry].
import { resolve } from 'node:path';
import { serviceBundle } from './bundle.ts';

const packageDir = resolve(process.argv[2] ?? process.cwd());
const entry = process.argv[3] ?? 'src/main.ts';
const started = performance.now();
const file = await serviceBundle(packageDir, entry);
console.log(`${file} (${Math.round(performance.now() - started)} ms)`);
