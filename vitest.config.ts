import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Vite would load graphql's ESM build for workspace sources while @apollo/* require its
// CommonJS build; two copies fail each other's instanceof checks. Pin one copy, as Node does.
const graphqlEntry = createRequire(new URL('./schema/package.json', import.meta.url)).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] };

// One config, three projects: unit tests beside each package, end-to-end tests that start
// a whole cluster as separate processes, and browser tests driving Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['{gateway,schema,lib/*,subgraphs/*,clients/*}/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file starts a cluster of processes; on 2 cores, one file at a time.
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          // `pnpm test:net` only (root, podman, images): deploy/k8s under podman, firms on their own hosts.
          name: 'net',
          include: ['test/net/**/*.net.ts'],
          testTimeout: 300_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
