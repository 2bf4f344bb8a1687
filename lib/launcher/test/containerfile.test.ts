import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The image build installs the workspace from the package manifests it copies first (so the
// dependency layer is reused while only sources change). A workspace package whose manifest is
// not copied is not linked, and the console's or a service's build fails inside the image only.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function workspacePackages(): string[] {
  const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*['"]?([^'"]+)['"]?\s*$/.exec(line)?.[1])
    .filter((glob): glob is string => Boolean(glob));
  const dirs: string[] = [];
  for (const glob of globs) {
    if (glob.endsWith('/*')) {
      const parent = glob.slice(0, -2);
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true }))
        if (entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json'))) dirs.push(`${parent}/${entry.name}`);
    } else if (existsSync(join(root, glob, 'package.json'))) dirs.push(glob);
  }
  return dirs.sort();
}

describe('Containerfile', () => {
  it("copies every workspace package's manifest before the install", () => {
    const containerfile = readFileSync(join(root, 'Containerfile'), 'utf8');
    const packages = workspacePackages();
    expect(packages.length).toBeGreaterThan(10);
    const missing = packages.filter((dir) => !containerfile.includes(`COPY ${dir}/package.json ${dir}/`));
    expect(missing).toEqual([]);
  });
});
