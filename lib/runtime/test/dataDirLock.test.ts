import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../src/db.ts';

const root = mkdtempSync(join(tmpdir(), 'cg-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PGlite data folder lock', () => {
  it('refuses a folder held by a live process and takes over once that process is gone', async () => {
    const dir = join(root, 'member-a');
    // Another process holds the folder (writes its pid into the lock file and stays alive).
    const holder = spawn(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(`${dir}.lock`)}, String(process.pid)); setInterval(() => {}, 1000)`,
    ]);
    const held = () => existsSync(`${dir}.lock`) && readFileSync(`${dir}.lock`, 'utf8') === String(holder.pid);
    for (let i = 0; i < 200 && !held(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));

    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('creates the parent folders of a data folder that does not exist yet (a fresh clone has no .data)', () => {
    const dir = join(root, 'fresh', '.data', 'demo');
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
