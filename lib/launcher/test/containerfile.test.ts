import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serviceNodeFlags } from '../src/serviceProcess.ts';

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

  it("starts every service with the launcher's V8 flags, as the demo and the tests do", () => {
    const containerfile = readFileSync(join(root, 'Containerfile'), 'utf8');
    const commands = containerfile
      .split('\n')
      .filter((line) => line.startsWith('CMD ["node"'))
      .map((line) => JSON.parse(line.slice('CMD '.length)) as string[]);
    const packages = {
      'gateway/.bundle/main.mjs': '@clustergraph/gateway',
      'subgraphs/cluster/.bundle/main.mjs': '@clustergraph/cluster-subgraph',
      'subgraphs/member/.bundle/main.mjs': '@clustergraph/member-subgraph',
    };
    expect(commands.map((argv) => argv.at(-1))).toEqual(Object.keys(packages));
    for (const argv of commands) {
      const flags = serviceNodeFlags(packages[argv.at(-1) as keyof typeof packages]);
      expect(flags).toContain('--no-memory-reducer');
      expect(argv.slice(1, 1 + flags.length)).toEqual([...flags]);
    }
    expect(serviceNodeFlags('@clustergraph/gateway')).toContain('--heap-growing-percent=50');
  });
});
