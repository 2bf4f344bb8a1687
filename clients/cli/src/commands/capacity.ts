import type { Command } from 'commander';
import { ClusterCapacityDocument, memberProblems, mondayOf, parseWeek, weeksFrom, addWeeks, type ProcessType } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { cliText } from '../i18n/index.ts';
import { hours, print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { enumOption, nonNegativeNumber, positiveInt, PROCESS_TYPES } from './options.ts';
import { errorsOrEmpty } from './members.ts';

interface CapacityOptions {
  process?: ProcessType;
  weeks: number;
  from?: string;
  minAvailable?: number;
}

export function registerCapacity(program: Command, env: CliEnvironment): void {
  const { t } = cliText(env.language);
  program
    .command('capacity')
    .description(t('capacity:description'))
    .option('--process <process>', t('capacity:process', { values: PROCESS_TYPES.join(', ') }), enumOption('process', PROCESS_TYPES))
    .option('--weeks <n>', t('capacity:weeks'), positiveInt('--weeks'), 4)
    .option('--from <week>', t('capacity:from'))
    .option('--min-available <hours>', t('capacity:minAvailable'), nonNegativeNumber('--min-available'))
    .action(async (options: CapacityOptions, command: Command) => {
      // Capacity serves joint planning: the purpose the firms grant it to the leader for.
      const context = commandContext(command, env, 'JOINT_PLANNING');
      const { label, firmName } = context.text;
      let from: string;
      try {
        from = options.from ? parseWeek(options.from) : mondayOf();
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const weeks = weeksFrom(from, options.weeks);
      const to = addWeeks(from, options.weeks - 1);
      const { data, errors } = await context.client.execute(ClusterCapacityDocument, { from, to, process: options.process ?? null });
      if (!data) throw errorsOrEmpty(errors);
      const names = new Map(data.members.map((m) => [m.id, firmName(m)]));
      const problems = memberProblems(errors, data);
      // A member without capacity here says why: withheld by its policy, or unreachable.
      const withheldOrMissing = (memberId: string) => {
        const problem = problems.get(memberId);
        return problem?.kind === 'withheld' ? t('capacity:withheld') : problem?.kind === 'unreachable' ? t('capacity:unreachable') : t('capacity:noData');
      };

      // One row per member and process; a member with no bucket for a week has no capacity there.
      type Member = (typeof data.members)[number];
      type Bucket = NonNullable<Member['capacity']>[number];
      type Row = { member: Member; process: ProcessType | undefined; byWeek: Map<string, Bucket> | undefined };
      const rows = data.members.flatMap((member): Row[] => {
        if (!member.capacity) return [{ member, process: undefined, byWeek: undefined }];
        const processes = [...new Set(member.capacity.map((b) => b.process))].sort();
        return processes.map((process) => ({
          member,
          process,
          byWeek: new Map(member.capacity!.filter((b) => b.process === process).map((b) => [b.weekStart, b])),
        }));
      });
      const fits = (row: Row) =>
        options.minAvailable === undefined ||
        (row.byWeek !== undefined && weeks.every((w) => (row.byWeek!.get(w)?.availableHours ?? 0) >= options.minAvailable!));
      const shown = rows.filter(fits);

      if (context.json) {
        printJson(
          shown
            .filter((r) => r.byWeek)
            .map((r) => ({ memberId: r.member.id, memberName: r.member.name, process: r.process, weeks: weeks.map((w) => r.byWeek!.get(w) ?? null) })),
        );
      } else if (!shown.length) {
        print(options.minAvailable !== undefined ? t('capacity:noneWithFree', { hours: options.minAvailable }) : t('capacity:none'));
      } else {
        print(options.process ? t('capacity:headingFor', { process: label('ProcessType', options.process) }) : t('capacity:heading'));
        print(
          renderTable(
            [t('capacity:member'), t('capacity:processColumn'), ...weeks.map((w) => context.text.fmt.week(w))],
            shown.map((r) =>
              r.byWeek
                ? [
                    names.get(r.member.id),
                    r.process && label('ProcessType', r.process),
                    ...weeks.map((w) => {
                      const b = r.byWeek!.get(w);
                      return b ? `${hours(b.availableHours)} / ${hours(b.actualHours)}` : '-';
                    }),
                  ]
                : [names.get(r.member.id), withheldOrMissing(r.member.id), ...weeks.map(() => '')],
            ),
          ),
        );
      }
      if (!context.json) printPurpose(context.text, context.purpose);
      reportPartialErrors(context.text, errors, (id) => names.get(id) ?? id, data, context.strict);
    });
}
