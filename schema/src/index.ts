import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, printSchema } from 'graphql';
import { composeServices } from '@apollo/composition';
import { clusterSdl, memberSdl } from './sdl.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Version of the member standard; a member's SDL must be compatible with it. */
export const STANDARD_VERSION = '1.0';

export { clusterSdl, memberSdl };

/** Subgraph names in the supergraph. `member` stands for every member firm (shard-routed). */
export const CLUSTER_SUBGRAPH = 'cluster';
export const MEMBER_SUBGRAPH = 'member';

/** The committed, composed supergraph the gateway loads (regenerate with `pnpm compose`). */
export function loadSupergraphSdl(): string {
  return readFileSync(here('../supergraph.graphql'), 'utf8');
}

/** Composes the standard's two subgraphs with @apollo/composition. Throws with every composition error. */
export function composeSupergraph(urls: { cluster?: string; member?: string } = {}): { supergraphSdl: string; apiSchemaSdl: string } {
  const result = composeServices([
    { name: CLUSTER_SUBGRAPH, typeDefs: parse(clusterSdl), url: urls.cluster ?? 'http://cluster.invalid/graphql' },
    { name: MEMBER_SUBGRAPH, typeDefs: parse(memberSdl), url: urls.member ?? 'http://member.invalid/graphql' },
  ]);
  if (result.errors) {
    throw new Error(`supergraph does not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
}

export { checkMemberCompatibility, type CompatibilityProblem } from './compatibility.ts';

/** The standard's enums and error codes as runtime values (generated; browser-safe as `@clustergraph/schema/values`). */
export * from './__generated__/values.ts';
