import { useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { PROCESS_TYPES, SetCapacityDocument, type CapacityInput, type FirmSetupQuery, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { ProcessSelect } from '../components/ProcessSelect.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type Bucket = NonNullable<NonNullable<FirmSetupQuery['member']>['capacity']>[number];
type Cell = { actual: string; maximum: string; price: string };

/** The weekly capacity of one process over the calendar's weeks; a save sends every filled week (the member checks all before writing any). */
export function SetupCapacity({
  memberId,
  weekStarts,
  buckets,
  onSaved,
}: {
  memberId: string;
  weekStarts: readonly string[];
  buckets: readonly Bucket[];
  onSaved(): void;
}) {
  const { t, fmt } = useI18n();
  const [process, setProcess] = useState<ProcessType>(buckets[0]?.process ?? PROCESS_TYPES[0]!);
  const stored = useMemo(() => new Map(buckets.filter((b) => b.process === process).map((b) => [b.weekStart, b])), [buckets, process]);
  const [edits, setEdits] = useState<Record<string, Cell>>({});
  const [{ error, fetching }, save] = useMutation(SetCapacityDocument);
  const cellOf = (week: string): Cell => {
    const bucket = stored.get(week);
    return (
      edits[`${process}/${week}`] ?? {
        actual: bucket ? String(bucket.actualHours) : '',
        maximum: bucket ? String(bucket.maximumHours) : '',
        price: bucket?.pricePerHour != null ? String(bucket.pricePerHour) : '',
      }
    );
  };
  const edit = (week: string, change: Partial<Cell>) => setEdits({ ...edits, [`${process}/${week}`]: { ...cellOf(week), ...change } });

  return (
    <section data-testid="setup-capacity">
      <h2>{t('setup:capacity.title')}</h2>
      <p className="muted">{t('setup:capacity.intro')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const input: CapacityInput[] = weekStarts.flatMap((weekStart) => {
            const cell = cellOf(weekStart);
            if (cell.actual.trim() === '' || cell.maximum.trim() === '') return [];
            return [
              {
                process,
                weekStart,
                actualHours: Number(cell.actual),
                maximumHours: Number(cell.maximum),
                ...(cell.price.trim() !== '' ? { pricePerHour: Number(cell.price) } : {}),
              },
            ];
          });
          const result = await save({ memberId, input });
          if (result.data) {
            setEdits({});
            onSaved();
          }
        }}
      >
        <ProcessSelect label={t('setup:capacity.process')} value={process} onChange={setProcess} />
        <table className="capacity-calendar">
          <thead>
            <tr>
              <th>{t('setup:capacity.week')}</th>
              <th>{t('setup:capacity.actual')}</th>
              <th>{t('setup:capacity.maximum')}</th>
              <th>{t('setup:capacity.price')}</th>
              <th>{t('setup:capacity.committed')}</th>
            </tr>
          </thead>
          <tbody>
            {weekStarts.map((week) => {
              const cell = cellOf(week);
              const weekLabel = fmt.week(week);
              return (
                <tr key={week} data-testid={`capacity-week-${week}`}>
                  <td>
                    {weekLabel} <span className="muted small">{week}</span>
                  </td>
                  <HoursCell label={t('setup:capacity.actualFor', { week: weekLabel })} value={cell.actual} onChange={(actual) => edit(week, { actual })} />
                  <HoursCell label={t('setup:capacity.maximumFor', { week: weekLabel })} value={cell.maximum} onChange={(maximum) => edit(week, { maximum })} />
                  <HoursCell label={t('setup:capacity.priceFor', { week: weekLabel })} value={cell.price} onChange={(price) => edit(week, { price })} />
                  <td className="muted">{fmt.hours(stored.get(week)?.committedHours)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="primary" disabled={fetching}>
          {t('setup:capacity.save')}
        </button>
        <ApiErrors error={error} />
      </form>
    </section>
  );
}

/** One number of the calendar (hours or a price), kept as typed until saved. */
function HoursCell({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  return (
    <td>
      <input aria-label={label} type="number" min="0" step="any" value={value} onChange={(e) => onChange(e.target.value)} />
    </td>
  );
}
