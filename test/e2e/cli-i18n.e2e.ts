import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '@clustergraph/test';
import { cliArgv, repoRoot, runCommand } from './support/cli.ts';

// Issue 19 in the CLI: `--lang ko` and a Korean locale (LANG=ko_KR.UTF-8) print Korean — the
// help, table headings, enum values in words, the firms' own names, notes and errors — from the
// TypeScript source and from the bundled binary (its catalogues are bundled in). The locale is
// read as setlocale does (LC_ALL over LC_MESSAGES over LANG); --lang wins over all of them.
describe('clustergraph CLI in Korean', () => {
  let cluster: TestCluster;
  let configDir: string;

  // A clean locale: the machine's own LANG/LC_* must not decide what these runs print.
  const baseEnv = () => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete env[key];
    return { ...env, CLUSTERGRAPH_CONFIG: join(configDir, 'config.json'), NO_COLOR: '1' };
  };
  const run = (args: string[], env: Record<string, string> = {}, binary = false) =>
    runCommand(process.execPath, cliArgv(args, binary), { ...baseEnv(), ...env }, 60_000);

  beforeAll(async () => {
    execFileSync('pnpm', ['--silent', '--filter', '@clustergraph/cli', 'run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
    configDir = mkdtempSync(join(tmpdir(), 'cg-cli-i18n-'));
    cluster = await startTestCluster();
  }, 300_000);

  afterAll(async () => {
    await cluster?.dispose();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('signs in and says so in Korean under a Korean LANG', async () => {
    const result = await run(['login', '--as', 'admin@lead', '--endpoint', cluster.gatewayUrl], { LANG: 'ko_KR.UTF-8' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('로그인했습니다');
    expect(result.stdout).toContain(cluster.gatewayUrl);
  });

  it("lists members in Korean with --lang ko: headings, roles and states in words, the firms' own names", async () => {
    const result = await run(['members', '--lang', 'ko']);
    expect(result.code).toBe(0);
    for (const text of ['기업명', '역할', '상태', '리드조립', '캐스트협력', '히트협력', '주관기업', '협력사', '활동 중', '열처리', '조회 목적: 모니터링'])
      expect(result.stdout).toContain(text);
    expect(result.stdout).not.toContain('Cast Partner Co.');
    expect(result.stdout).not.toContain('HEAT_TREATMENT');
    expect(result.stdout).not.toContain('asked for');
  });

  it('prints the same Korean from LANG=ko_KR.UTF-8, and from LC_MESSAGES', async () => {
    const fromLang = await run(['members'], { LANG: 'ko_KR.UTF-8' });
    expect(fromLang.code).toBe(0);
    expect(fromLang.stdout).toContain('캐스트협력');
    expect(fromLang.stdout).toContain('조회 목적: 모니터링');
    const fromMessages = await run(['lines'], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR.UTF-8' });
    expect(fromMessages.code).toBe(0);
    expect(fromMessages.stdout).toMatch(/라인.*공정.*상태/s);
  });

  it('prints English when LC_ALL overrides a Korean LANG, and when --lang en overrides the locale', async () => {
    const overridden = await run(['members'], { LANG: 'ko_KR.UTF-8', LC_ALL: 'C' });
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain('Cast Partner Co.');
    expect(overridden.stdout).toContain('asked for: MONITORING');
    expect(overridden.stdout).not.toMatch(/[\uAC00-\uD7A3]/);
    const explicit = await run(['members', '--lang', 'en'], { LANG: 'ko_KR.UTF-8' });
    expect(explicit.stdout).toContain('HEAT_TREATMENT');
    expect(explicit.stdout).not.toMatch(/[\uAC00-\uD7A3]/);
  });

  it('writes the help in Korean', async () => {
    const help = await run(['--lang', 'ko', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('사용법:');
    expect(help.stdout).toContain('옵션:');
    expect(help.stdout).toContain('표 대신 스크립트용 JSON 출력');
    const sub = await run(['capacity', '--help'], { LANG: 'ko_KR.UTF-8' });
    expect(sub.stdout).toContain('기업별 주간 생산능력');
  });

  it('keeps the API error message in English and says in Korean what kind of error it is', async () => {
    // A partner asking for the leader's joint orders: the API refuses the viewer.
    await run(['login', '--as', 'admin@cast', '--endpoint', cluster.gatewayUrl]);
    const refused = await run(['orders', 'list', '--lang', 'ko']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^오류: /);
    expect(refused.stderr).toMatch(/leader/); // the API's own words, kept
    expect(refused.stdout).toBe('');
    const english = await run(['orders', 'list']);
    expect(english.stderr).toMatch(/^error: /);
    expect(english.stderr).not.toMatch(/[\uAC00-\uD7A3]/);
  });

  it('refuses a language it does not have, as wrong usage', async () => {
    const result = await run(['members', '--lang', 'fr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--lang/);
  });

  it('speaks Korean from the bundled binary too (the catalogues are in the bundle)', async () => {
    const result = await run(['allocations', '--lang', 'ko'], {}, true);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/작업 배정|수주/);
    expect(result.stdout).toContain('조회 목적: 공동 생산계획');
  });
});
