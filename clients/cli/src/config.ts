import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { languageFromPosixLocale, type Language } from '@clustergraph/i18n';

export const DEFAULT_ENDPOINT = 'http://localhost:4000/graphql';

/** What `clustergraph login` stores: the current endpoint and a session per endpoint. */
export interface StoredConfig {
  endpoint?: string;
  sessions?: Record<string, { token: string; user: string; memberId: string; signedInAt: string }>;
}

/** Environment the CLI reads, parsed once in main. */
export interface CliEnvironment {
  configPath: string;
  endpoint?: string;
  token?: string;
  /**
   * The directory the user ran the command in. pnpm runs `pnpm cli …` inside clients/cli and
   * says where the user was in INIT_CWD; a file named on the command line is relative to that.
   */
  workingDir: string;
  /** The language of messages: --lang, else LC_ALL / LC_MESSAGES / LANG (ko_KR* → Korean), else English. */
  language: Language;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const configHome = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return {
    configPath: env['CLUSTERGRAPH_CONFIG'] || join(configHome, 'clustergraph', 'config.json'),
    ...(env['CLUSTERGRAPH_ENDPOINT'] ? { endpoint: env['CLUSTERGRAPH_ENDPOINT'] } : {}),
    ...(env['CLUSTERGRAPH_TOKEN'] ? { token: env['CLUSTERGRAPH_TOKEN'] } : {}),
    workingDir: env['INIT_CWD'] || process.cwd(),
    language: languageFromPosixLocale(env),
  };
}

export function loadConfig(path: string): StoredConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return JSON.parse(text) as StoredConfig;
  } catch {
    throw new Error(`${path} is not valid JSON; fix or delete it and log in again`);
  }
}

export function saveConfig(path: string, config: StoredConfig): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // the file holds bearer tokens
}

/** A path the user typed, resolved against the directory they typed it in (absolute paths as they are). */
export function resolveUserPath(env: CliEnvironment, path: string): string {
  return resolve(env.workingDir, path);
}
