import type { Command } from 'commander';
import { DataUsageCsvDocument, MyDataDocument, hasApiField, type DataCategory } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError } from '../context.ts';
import { print, printJson, renderTable, reportPartialErrors, since } from '../output.ts';
import { enumOption } from './options.ts';
import { apiEnums } from '@clustergraph/sdk';
import { errorsOrEmpty } from './members.ts';

const CATEGORIES = apiEnums.DataCategory;

/** `policies` and `usage`: the signed-in firm's sharing policies and its data-usage ledger. */
export function registerSharing(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Mutation', 'grantSharing')) return;

  program
    .command('policies')
    .description("your firm's sharing policies (who may read which data, for what)")
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .option('--all', 'include revoked policies')
    .action(async (options: { member?: string; all?: boolean }, command: Command) => {
      const context = commandContext(command, env);
      const memberId = actingMemberId(context, options.member);
      const { data, errors } = await context.client.execute(MyDataDocument, { memberId, includeRevoked: Boolean(options.all) });
      if (!data) throw errorsOrEmpty(errors);
      if (!data.member) throw new UsageError(`no member "${memberId}"`);
      if (data.member.sharingPolicies == null) throw errorsOrEmpty(errors);
      const list = data.member.sharingPolicies;
      if (context.json) printJson(list);
      else if (!list.length) print('No sharing policies: other firms see your data as withheld.');
      else
        print(
          renderTable(
            ['ID', 'Category', 'Grantee', 'Purpose', 'Detail', 'Valid from', 'Until', 'Origin', 'Revoked'],
            list.map((p) => [
              p.id,
              p.category,
              p.grantee,
              p.purpose,
              p.granularity,
              p.validFrom.slice(0, 10),
              p.validUntil?.slice(0, 10) ?? 'open',
              p.isDefault ? 'default' : p.createdBy,
              p.revokedAt ? since(p.revokedAt) : '',
            ]),
          ),
        );
    });

  program
    .command('usage')
    .description("who read your firm's data: the per-reader summary, or the ledger with --ledger")
    .option('--member <id>', 'the member (default: the signed-in firm)')
    .option('--reader <id>', 'only reads by this member')
    .option('--category <category>', `only this category (${CATEGORIES.join(', ')})`, enumOption('category', CATEGORIES))
    .option('--since <date>', 'only reads from this date (YYYY-MM-DD or ISO time)')
    .option('--ledger', 'every read, newest first, instead of the summary')
    .option('--csv', 'print the ledger as CSV')
    .action(
      async (options: { member?: string; reader?: string; category?: DataCategory; since?: string; ledger?: boolean; csv?: boolean }, command: Command) => {
        const context = commandContext(command, env);
        const memberId = actingMemberId(context, options.member);
        const from = options.since ? (options.since.length === 10 ? `${options.since}T00:00:00Z` : options.since) : null;
        if (options.since && Number.isNaN(Date.parse(from!))) throw new UsageError(`--since: not a date: ${options.since}`);
        const filters = { memberId, from, readerId: options.reader ?? null, category: options.category ?? null };
        if (options.csv) {
          const { member } = await context.client.request(DataUsageCsvDocument, filters);
          if (!member) throw new UsageError(`no member "${memberId}"`);
          process.stdout.write(member.dataUsageCsv ?? '');
          return;
        }
        const { data, errors } = await context.client.execute(MyDataDocument, filters);
        if (!data) throw errorsOrEmpty(errors);
        if (!data.member) throw new UsageError(`no member "${memberId}"`);
        const { dataUsage, dataUsageSummary } = data.member;
        if (dataUsage == null || dataUsageSummary == null) throw errorsOrEmpty(errors);
        if (options.ledger) {
          if (context.json) printJson(dataUsage);
          else if (!dataUsage.length) print('No reads recorded.');
          else
            print(
              renderTable(
                ['When', 'Reader', 'User', 'Category', 'Purpose', 'Operation', 'Records', 'Outcome', 'Policy'],
                dataUsage.map((u) => [
                  u.at,
                  u.readerMemberId,
                  u.readerUserId,
                  u.category,
                  u.purpose,
                  u.operationName,
                  u.records,
                  u.allowed ? `allowed ${u.granularity ?? ''}` : 'denied',
                  u.policyId,
                ]),
              ),
            );
        } else {
          const summary = dataUsageSummary.filter(
            (s) => (!options.reader || s.readerMemberId === options.reader) && (!options.category || s.category === options.category),
          );
          if (context.json) printJson(summary);
          else if (!summary.length) print('Nobody has read your data yet.');
          else
            print(
              renderTable(
                ['Reader', 'Category', 'Records served', 'Reads', 'Refused', 'Last read'],
                summary.map((s) => [s.readerMemberId, s.category, s.allowedRecords, s.allowedReads, s.deniedRecords, since(s.lastReadAt)]),
              ),
            );
        }
        reportPartialErrors(errors, (id) => id, data);
      },
    );
}
