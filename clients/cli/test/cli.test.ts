import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { enumOption, positiveInt, collect, PROCESS_TYPES } from '../src/commands/options.ts';
import { loadConfig, readEnvironment, resolveUserPath, saveConfig } from '../src/config.ts';
import { createProgram } from '../src/program.ts';
import { renderTable, since } from '../src/output.ts';
import { cliText } from '../src/i18n/index.ts';

describe('CLI option parsing', () => {
  it('accepts enum values in any case and with hyphens', () => {
    const process = enumOption('process', PROCESS_TYPES);
    expect(process('heat-treatment')).toBe('HEAT_TREATMENT');
    expect(() => process('baking')).toThrow(InvalidArgumentError);
  });

  it('checks numbers and collects lists', () => {
    expect(positiveInt('--weeks')('4')).toBe(4);
    expect(() => positiveInt('--weeks')('0')).toThrow(/positive/);
    expect(collect('b, c', ['a'])).toEqual(['a', 'b', 'c']);
  });

  it('registers every subcommand of the CLI contract', () => {
    const names = createProgram(readEnvironment({})).commands.map((c) => c.name());
    expect([...names].sort()).toEqual(
      ['allocations', 'application', 'apply', 'capacity', 'export', 'lines', 'login', 'members', 'orders', 'policies', 'production', 'usage', 'watch'].sort(),
    );
  });

  it('has import and export under capacity and production (spreadsheets)', () => {
    const program = createProgram(readEnvironment({}));
    for (const parent of ['capacity', 'production']) {
      const command = program.commands.find((c) => c.name() === parent)!;
      expect(command.commands.map((c) => c.name())).toEqual(['import', 'export']);
    }
  });
});

describe('CLI config', () => {
  it('reads the config path from the environment', () => {
    expect(readEnvironment({ CLUSTERGRAPH_CONFIG: '/tmp/x.json' }).configPath).toBe('/tmp/x.json');
    expect(readEnvironment({ XDG_CONFIG_HOME: '/cfg' }).configPath).toBe('/cfg/clustergraph/config.json');
  });

  it('stores sessions per endpoint in a private file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-cli-unit-'));
    const path = join(dir, 'nested', 'config.json');
    expect(loadConfig(path)).toEqual({});
    saveConfig(path, { endpoint: 'http://x/graphql', sessions: { 'http://x/graphql': { token: 't', user: 'admin@a', memberId: 'a', signedInAt: 'now' } } });
    expect(loadConfig(path).sessions?.['http://x/graphql']?.memberId).toBe('a');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI output', () => {
  it('renders plain tables and relative times', () => {
    const table = renderTable(['A', 'B'], [[1, null]]);
    expect(table).toContain('A');
    // eslint-disable-next-line no-control-regex -- the escape character is what is tested for
    expect(table).not.toMatch(/\u001b\[/); // no colour codes
    expect(since(cliText('en'), new Date(Date.now() - 5 * 60_000).toISOString())).toBe('5 min ago');
    expect(since(cliText('ko'), new Date(Date.now() - 5 * 60_000).toISOString())).toBe('5분 전');
  });
});

describe('paths the user types', () => {
  it('resolves --file against the directory the user ran pnpm in (INIT_CWD)', () => {
    expect(resolveUserPath(readEnvironment({ INIT_CWD: '/home/me/orders' }), 'order.json')).toBe('/home/me/orders/order.json');
    expect(resolveUserPath(readEnvironment({ INIT_CWD: '/home/me/orders' }), '/tmp/x.json')).toBe('/tmp/x.json');
    expect(resolveUserPath(readEnvironment({}), 'order.json')).toBe(join(process.cwd(), 'order.json'));
  });
});
