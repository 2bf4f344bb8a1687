import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The standard's two SDL files, read once. A leaf module: index.ts and compatibility.ts both
// read them from here.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const clusterSdl = readFileSync(here('./cluster.graphql'), 'utf8');
export const memberSdl = readFileSync(here('./member.graphql'), 'utf8');
