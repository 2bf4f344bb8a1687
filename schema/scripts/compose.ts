// Composes the standard into supergraph.graphql (what the gateway loads) and api.graphql
// (what clients see). With --check, fails if the committed files are stale.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../src/index.ts';

const outputs = {
  supergraph: fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
  api: fileURLToPath(new URL('../api.graphql', import.meta.url)),
};
const { supergraphSdl, apiSchemaSdl } = composeSupergraph();
const wanted: Record<keyof typeof outputs, string> = { supergraph: supergraphSdl + '\n', api: apiSchemaSdl + '\n' };

if (process.argv.includes('--check')) {
  const stale = (Object.keys(outputs) as Array<keyof typeof outputs>).filter((k) => !existsSync(outputs[k]) || readFileSync(outputs[k], 'utf8') !== wanted[k]);
  if (stale.length) {
    console.error(`stale composed schema: ${stale.join(', ')}; run \`pnpm compose\` and commit the result`);
    process.exit(1);
  }
  console.log('supergraph composes and is up to date');
} else {
  for (const k of Object.keys(outputs) as Array<keyof typeof outputs>) writeFileSync(outputs[k], wanted[k]);
  console.log(`wrote ${Object.values(outputs).join(', ')}`);
}
