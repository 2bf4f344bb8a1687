import type { Command } from 'commander';
import { DataUsageCsvDocument, MyDataDocument, hasApiField, type DataCategory } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { actingMemberId, commandContext, UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { print, printJson, renderTable, reportPartialErrors, since } from '../output.ts';
import { enumOption } from './options.ts';
import { apiEnums } from '@clustergraph/sdk';
import { errorsOrEmpty } from './members.ts';

const CATEGORIES = apiEnums.DataCategory;

/** `policies` and `usage`: the signed-in firm's sharing policies and its data-usage ledger. */
export function registerSharing(program: Command, env: CliEnvironment): void {
  if (!hasApiField('Mutation', 'grantSharing')) return;
  const { t } = cliText(env.language);

  program
    .command('policies')
    .description(t('sharing:policies.description'))
    .option('--member <id>', t('common:options.member'))
    .option('--all', t('sharing:policies.all'))
    .action(async (options: { member?: string; all?: boolean }, command: Command) => {
      const context = commandContext(command, env);
      const { label, fmt } = context.text;
      const memberId = actingMemberId(context, options.member);
      const { data, errors } = await context.client.execute(MyDataDocument, { memberId, includeRevoked: Boolean(options.all) });
      if (!data) throw errorsOrEmpty(errors);
      if (!data.member) throw new UsageError(t('common:noMember', { id: memberId }));
      if (data.member.sharingPolicies == null) throw errorsOrEmpty(errors);
      const list = data.member.sharingPolicies;
      if (context.json) printJson(list);
      else if (!list.length) print(t('sharing:policies.none'));
      else
        print(
          renderTable(
            [
              t('sharing:policies.id'),
              t('sharing:policies.category'),
              t('sharing:policies.grantee'),
              t('sharing:policies.purpose'),
              t('sharing:policies.detail'),
              t('sharing:policies.validFrom'),
              t('sharing:policies.until'),
              t('sharing:policies.origin'),
              t('sharing:policies.revoked'),
            ],
            list.map((p) => [
              p.id,
              label('DataCategory', p.category),
              p.grantee,
              label('PolicyPurpose', p.purpose),
              label('Granularity', p.granularity),
              fmt.date(p.validFrom),
              p.validUntil ? fmt.date(p.validUntil) : t('sharing:policies.open'),
              p.isDefault ? t('sharing:policies.default') : p.createdBy,
              p.revokedAt ? since(context.text, p.revokedAt) : '',
            ]),
          ),
        );
    });

  program
    .command('usage')
    .description(t('sharing:usage.description'))
    .option('--member <id>', t('common:options.member'))
    .option('--reader <id>', t('sharing:usage.reader'))
    .option('--category <category>', t('sharing:usage.category', { values: CATEGORIES.join(', ') }), enumOption('category', CATEGORIES))
    .option('--since <date>', t('sharing:usage.since'))
    .option('--ledger', t('sharing:usage.ledger'))
    .option('--csv', t('sharing:usage.csv'))
    .action(
      async (options: { member?: string; reader?: string; category?: DataCategory; since?: string; ledger?: boolean; csv?: boolean }, command: Command) => {
        const context = commandContext(command, env);
        const { label } = context.text;
        const memberId = actingMemberId(context, options.member);
        const from = options.since ? (options.since.length === 10 ? `${options.since}T00:00:00Z` : options.since) : null;
        if (options.since && Number.isNaN(Date.parse(from!))) throw new UsageError(t('sharing:usage.notADate', { value: options.since }));
        const filters = { memberId, from, readerId: options.reader ?? null, category: options.category ?? null };
        if (options.csv) {
          const { member } = await context.client.request(DataUsageCsvDocument, filters);
          if (!member) throw new UsageError(t('common:noMember', { id: memberId }));
          process.stdout.write(member.dataUsageCsv ?? '');
          return;
        }
        const { data, errors } = await context.client.execute(MyDataDocument, filters);
        if (!data) throw errorsOrEmpty(errors);
        if (!data.member) throw new UsageError(t('common:noMember', { id: memberId }));
        const { dataUsage, dataUsageSummary } = data.member;
        if (dataUsage == null || dataUsageSummary == null) throw errorsOrEmpty(errors);
        if (options.ledger) {
          if (context.json) printJson(dataUsage);
          else if (!dataUsage.length) print(t('sharing:usage.noReads'));
          else
            print(
              renderTable(
                [
                  t('sharing:usage.when'),
                  t('sharing:usage.readerColumn'),
                  t('sharing:usage.user'),
                  t('sharing:usage.categoryColumn'),
                  t('sharing:usage.purpose'),
                  t('sharing:usage.operation'),
                  t('sharing:usage.records'),
                  t('sharing:usage.outcome'),
                  t('sharing:usage.policy'),
                ],
                dataUsage.map((u) => [
                  u.at,
                  u.readerMemberId,
                  u.readerUserId,
                  label('DataCategory', u.category),
                  label('Purpose', u.purpose),
                  u.operationName,
                  u.records,
                  u.allowed
                    ? t('sharing:usage.allowed', { granularity: u.granularity ? label('Granularity', u.granularity) : '' }).trim()
                    : t('sharing:usage.denied'),
                  u.policyId,
                ]),
              ),
            );
        } else {
          const summary = dataUsageSummary.filter(
            (s) => (!options.reader || s.readerMemberId === options.reader) && (!options.category || s.category === options.category),
          );
          if (context.json) printJson(summary);
          else if (!summary.length) print(t('sharing:usage.nobody'));
          else
            print(
              renderTable(
                [
                  t('sharing:usage.readerColumn'),
                  t('sharing:usage.categoryColumn'),
                  t('sharing:usage.recordsServed'),
                  t('sharing:usage.reads'),
                  t('sharing:usage.refused'),
                  t('sharing:usage.lastRead'),
                ],
                summary.map((s) => [
                  s.readerMemberId,
                  label('DataCategory', s.category),
                  s.allowedRecords,
                  s.allowedReads,
                  s.deniedRecords,
                  since(context.text, s.lastReadAt),
                ]),
              ),
            );
        }
        reportPartialErrors(context.text, errors, (id) => id, data);
      },
    );
}
