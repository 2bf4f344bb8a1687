import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceBundle } from '../src/bundle.ts';

// The fixture package lives inside lib/launcher so its third-party imports resolve from
// lib/launcher/node_modules, as a service package's do from its own.
const launcherDir = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = mkdtempSync(join(launcherDir, '.test-bundle-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(dirname(join(pkg, file)), { recursive: true });
  writeFileSync(join(pkg, file), text);
}

const run = (bundle: string) => JSON.parse(execFileSync(process.execPath, [bundle], { encoding: 'utf8' })) as Record<string, string>;

describe('service bundles', () => {
  it('bundles workspace TypeScript, keeps third-party packages external and each file its own import.meta.url', async () => {
    write('src/asset.txt', 'next to the source');
    write(
      'src/dep.ts',
      "import { readFileSync } from 'node:fs';\nexport const asset = (): string => readFileSync(new URL('./asset.txt', import.meta.url), 'utf8');\nexport const greeting: string = 'v1';\n",
    );
    write(
      'src/main.ts',
      "import esbuild from 'esbuild';\nimport { asset, greeting } from './dep.ts';\nconsole.log(JSON.stringify({ greeting, asset: asset(), esbuild: esbuild.version, url: import.meta.url }));\n",
    );
    const bundle = await serviceBundle(pkg);
    expect(bundle).toBe(join(pkg, '.bundle', 'main.mjs'));
    const out = run(bundle);
    expect(out).toMatchObject({ greeting: 'v1', asset: 'next to the source', url: pathToFileURL(join(pkg, 'src/main.ts')).href });
    expect(out['esbuild']).toMatch(/^\d+\.\d+\.\d+$/);
    // esbuild itself is imported from node_modules, not copied into the bundle.
    expect(readFileSync(bundle, 'utf8')).toMatch(/from "\/[^"]*\/node_modules\/[^"]*esbuild[^"]*"/);
  });

  it('reuses a fresh bundle and rebuilds when an input file changes', async () => {
    const bundle = await serviceBundle(pkg);
    const built = statSync(bundle).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(statSync(await serviceBundle(pkg)).mtimeMs).toBe(built);

    write('src/dep.ts', readFileSync(join(pkg, 'src/dep.ts'), 'utf8').replace("'v1'", "'v2'"));
    const rebuilt = await serviceBundle(pkg);
    expect(statSync(rebuilt).mtimeMs).toBeGreaterThan(built);
    expect(run(rebuilt)['greeting']).toBe('v2');
  });

  it('builds once for concurrent callers in one process', async () => {
    write('src/dep.ts', readFileSync(join(pkg, 'src/dep.ts'), 'utf8').replace("'v2'", "'v3'"));
    const [a, b, c] = await Promise.all([serviceBundle(pkg), serviceBundle(pkg), serviceBundle(pkg)]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(run(a)['greeting']).toBe('v3');
  });
});
