import type { Command } from 'commander';
import { ClusterCapacityDocument, memberProblems, isoWeekLabel, mondayOf, parseWeek, weeksFrom, addWeeks, type ProcessType } from '@clustergraph/sdk';
import type { CliEnvironment } from '../config.ts';
import { commandContext, UsageError } from '../context.ts';
import { hours, print, printJson, printPurpose, renderTable, reportPartialErrors } from '../output.ts';
import { enumOption, nonNegativeNumber, positiveInt, PROCESS_TYPES } from './options.ts';
import { errorsOrEmpty } from './members.ts';
import { registerCapacitySheets } from './capacitySheets.ts';

interface CapacityOptions {
  process?: ProcessType;
  weeks: number;
  from?: string;
  minAvailable?: number;
}

export function registerCapacity(program: Command, env: CliEnvironment): void {
  const capacity = program
    .command('capacity')
    .description('weekly capacity per member (hours available of actual; DCM buckets keyed by Monday)')
    .option('--process <process>', `one process (${PROCESS_TYPES.join(', ')})`, enumOption('process', PROCESS_TYPES))
    .option('--weeks <n>', 'number of weeks', positiveInt('--weeks'), 4)
    .option('--from <week>', 'first week: YYYY-MM-DD, YYYY-Www, Www or +N (default: this week)')
    .option('--min-available <hours>', 'only members with at least these free hours in every listed week', nonNegativeNumber('--min-available'))
    .action(async (options: CapacityOptions, command: Command) => {
      // Capacity serves joint planning: the purpose the firms grant it to the leader for.
      const context = commandContext(command, env, 'JOINT_PLANNING');
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
      const names = new Map(data.members.map((m) => [m.id, m.name]));
      const problems = memberProblems(errors, data);
      // A member without capacity here says why: withheld by its policy, or unreachable.
      const withheldOrMissing = (memberId: string) => {
        const problem = problems.get(memberId);
        return problem?.kind === 'withheld' ? 'withheld' : problem?.kind === 'unreachable' ? 'unreachable' : '(no data)';
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
        print(options.minAvailable !== undefined ? `No member has ${options.minAvailable} h free in each of these weeks.` : 'No capacity in these weeks.');
      } else {
        print(`Available / actual hours per week${options.process ? ` for ${options.process}` : ''}:`);
        print(
          renderTable(
            ['Member', 'Process', ...weeks.map(isoWeekLabel)],
            shown.map((r) =>
              r.byWeek
                ? [
                    r.member.name,
                    r.process,
                    ...weeks.map((w) => {
                      const b = r.byWeek!.get(w);
                      return b ? `${hours(b.availableHours)} / ${hours(b.actualHours)}` : '-';
                    }),
                  ]
                : [r.member.name, withheldOrMissing(r.member.id), ...weeks.map(() => '')],
            ),
          ),
        );
      }
      if (!context.json) printPurpose(context.purpose);
      reportPartialErrors(errors, (id) => names.get(id) ?? id, data, context.strict);
    });
  registerCapacitySheets(capacity, env);
}
