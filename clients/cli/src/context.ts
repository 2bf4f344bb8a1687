import type { Command } from 'commander';
import WebSocket from 'ws';
import { createClusterGraphClient, type ClusterGraphClient, type Purpose } from '@clustergraph/sdk';
import { DEFAULT_ENDPOINT, loadConfig, type CliEnvironment, type StoredConfig } from './config.ts';
import { cliText, type CliText } from './i18n/index.ts';

export interface GlobalOptions {
  endpoint?: string;
  json?: boolean;
  purpose?: Purpose;
  strict?: boolean;
}

/** Everything a command needs: where to talk, as whom, and how to print. */
export interface CommandContext {
  env: CliEnvironment;
  config: StoredConfig;
  endpoint: string;
  token: string | undefined;
  /** The signed-in user's member id, when known from login. */
  memberId: string | undefined;
  json: boolean;
  /** The purpose the reads are checked against: --purpose, else the command's, else the gateway's default. */
  purpose: Purpose;
  /** --strict: data withheld by a sharing policy counts as missing (exit 3). */
  strict: boolean;
  client: ClusterGraphClient;
  /** Messages, formatters and enum labels in the language of this run (--lang, else the locale). */
  text: CliText;
}

/** What the gateway assumes when a request names no purpose. */
const GATEWAY_DEFAULT_PURPOSE: Purpose = 'MONITORING';

/** `defaultPurpose`: the purpose sent when --purpose is not given (e.g. JOINT_PLANNING for orders). */
export function commandContext(command: Command, env: CliEnvironment, defaultPurpose?: Purpose): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const purpose = options.purpose ?? defaultPurpose;
  const config = loadConfig(env.configPath);
  const endpoint = options.endpoint ?? env.endpoint ?? config.endpoint ?? DEFAULT_ENDPOINT;
  const session = config.sessions?.[endpoint];
  const token = env.token ?? session?.token;
  const memberId = session?.memberId;
  const text = cliText(env.language);
  const { t } = text;
  return {
    text,
    env,
    config,
    endpoint,
    token,
    memberId,
    json: Boolean(options.json),
    purpose: purpose ?? GATEWAY_DEFAULT_PURPOSE,
    strict: Boolean(options.strict),
    client: createClusterGraphClient({
      endpoint,
      token: token ?? null,
      webSocketImpl: WebSocket,
      ...(purpose ? { purpose } : {}),
      // A write sent again with its Idempotency-Key: said on stderr, the command's output stays clean.
      // When the tries ran out the answer's error says so (exit 1).
      onWriteRetried: (report) => {
        if (!report.outcomeUnknown)
          process.stderr.write(
            `${t('common:note', { message: t('common:writeRetried', { retried: t('api:problem.writeRetried'), attempts: report.attempts, key: report.idempotencyKey }) })}\n`,
          );
      },
    }),
  };
}

/** The member a command acts for: --member, else the signed-in user's firm. */
export function actingMemberId(context: CommandContext, explicit: string | undefined): string {
  const memberId = explicit ?? context.memberId;
  if (!memberId) throw new UsageError(context.text.t('common:noActingMember', { option: '--member <id>', login: 'clustergraph login --as admin@<memberId>' }));
  return memberId;
}

/** Wrong use of the CLI (exit code 2), as opposed to an API error (exit code 1). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
