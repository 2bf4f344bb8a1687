// Builds the esbuild bundles of the three deployables (gateway, cluster subgraph, member
// subgraph) into <package>/.bundle/main.mjs, as the launcher does before it starts them.
// Run by the Containerfile's build stage, so an image starts with `node <bundle>` and never
// transpiles TypeScript at start-up.
import { packageDir, serviceBundle } from '../src/index.ts';

for (const name of ['@clustergraph/gateway', '@clustergraph/cluster-subgraph', '@clustergraph/member-subgraph']) {
  const bundle = await serviceBundle(packageDir(name));
  console.log(`${name}: ${bundle}`);
}
