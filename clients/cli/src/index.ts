export { createProgram } from './program.ts';
export { readEnvironment, loadConfig, saveConfig, DEFAULT_ENDPOINT, type CliEnvironment, type StoredConfig } from './config.ts';
