// Service bundles: each service's src/main.ts and the workspace code it imports, compiled
// once by esbuild into <package>/.bundle/main.mjs. Starting eight services under tsx costs
// each process seconds of CPU to transpile the same TypeScript; a bundle starts in a fraction
// of that. Third-party packages stay external (imported from node_modules by absolute path,
// exactly the file Node itself would load), so native and WebAssembly packages such as
// PGlite and HiGHS are untouched. A bundle is rebuilt when any of its input files changed
// (content hash recorded in a manifest next to it), so it never runs stale code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const BUNDLE_FORMAT_VERSION = 1;

interface Manifest {
  version: number;
  entry: string;
  /** Input file (relative to the package folder) → sha1 of its content. */
  inputs: Record<string, string>;
}

const sha1 = (content: string | Buffer) => createHash('sha1').update(content).digest('hex');

/** True when a specifier names a workspace package (compiled into the bundle). */
const isWorkspace = (specifier: string) => specifier.startsWith('@clustergraph/');

/**
 * Keeps third-party imports external, as absolute paths esbuild resolved with Node's own
 * conditions (so the bundle loads the same files Node would), and gives each workspace
 * source file its own `import.meta.url`, so relative lookups (migrations, SDL files, worker
 * scripts) still find their files next to the source.
 */
function workspacePlugin(): Plugin {
  return {
    name: 'clustergraph-workspace',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (isWorkspace(args.path) || args.path.startsWith('node:') || isAbsolute(args.path)) return undefined;
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (resolved.errors.length > 0 || !resolved.path) return undefined;
        if (!resolved.path.includes(`${'/'}node_modules${'/'}`)) return undefined; // a builtin or workspace file
        return { path: resolved.path, external: true };
      });
      build.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js' };
      });
    },
  };
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function manifestIsFresh(packageDir: string, manifest: Manifest | null, entry: string): boolean {
  if (!manifest || manifest.version !== BUNDLE_FORMAT_VERSION || manifest.entry !== entry) return false;
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    const path = join(packageDir, file);
    if (!existsSync(path) || sha1(readFileSync(path)) !== hash) return false;
  }
  return true;
}

/**
 * The bundled entry of a service package (built now when missing or stale), as an absolute
 * path to an .mjs file. Concurrent callers may both build; each writes its own temp files and
 * renames them into place, so a reader never sees half a bundle.
 */
export function serviceBundle(packageDir: string, entry = 'src/main.ts'): Promise<string> {
  const key = `${packageDir}\0${entry}`;
  let pending = building.get(key);
  if (!pending) {
    pending = buildIfStale(packageDir, entry).finally(() => building.delete(key));
    building.set(key, pending);
  }
  return pending;
}

/** One build per package at a time in this process (six members share one bundle). */
const building = new Map<string, Promise<string>>();

async function buildIfStale(packageDir: string, entry: string): Promise<string> {
  const outDir = join(packageDir, '.bundle');
  // src/main.ts → main.mjs and manifest.json (as before); another entry (the member host's
  // src/hostMain.ts) gets files of its own, so the two never rebuild over each other.
  const name = basename(entry).replace(/\.[mc]?ts$/, '');
  const outFile = join(outDir, `${name}.mjs`);
  const manifestFile = join(outDir, name === 'main' ? 'manifest.json' : `${name}.manifest.json`);
  if (existsSync(outFile) && manifestIsFresh(packageDir, readManifest(manifestFile), entry)) return outFile;

  const { build } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  const tmp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  const result = await build({
    entryPoints: [join(packageDir, entry)],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: packageDir,
    plugins: [workspacePlugin()],
  });
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const absolute = isAbsolute(input) ? input : join(packageDir, input);
    if (absolute.includes('/node_modules/')) continue;
    inputs[relative(packageDir, absolute)] = sha1(readFileSync(absolute));
  }
  const manifest: Manifest = { version: BUNDLE_FORMAT_VERSION, entry, inputs };
  renameSync(tmp, outFile);
  const tmpManifest = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(tmpManifest, JSON.stringify(manifest, null, 1));
  renameSync(tmpManifest, manifestFile);
  return outFile;
}
