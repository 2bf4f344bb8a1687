import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { PLANNING } from '../urqlClient.ts';
import { ClusterCapacityDocument, apiEnums, mondayOf, weeksFrom, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { useI18n } from '../i18n/useI18n.ts';

const WEEK_CHOICES = 12;

/** "Who can do PROCESS with ≥ N h free in week W?", answered from the members' capacity buckets. */
export function CapacitySearch() {
  const { t, fmt, label, firm } = useI18n();
  const processLabel = (process: string) => label('ProcessType', process);
  const weeks = useMemo(() => weeksFrom(mondayOf(), WEEK_CHOICES), []);
  const [form, setForm] = useState<{ process: ProcessType; minHours: number; week: string }>({
    process: 'HEAT_TREATMENT',
    minHours: 40,
    week: weeks[1] ?? weeks[0]!,
  });
  const [asked, setAsked] = useState(form);
  const [{ data, error, fetching }] = useQuery({
    query: ClusterCapacityDocument,
    variables: { from: asked.week, to: asked.week, process: asked.process },
    // Capacity is shared with the leader for joint planning (the default policy).
    context: PLANNING,
  });
  const names = new Map((data?.members ?? []).map((m) => [m.id, firm(m)]));

  const matches = (data?.members ?? [])
    .flatMap((m) => (m.capacity ?? []).filter((b) => b.process === asked.process && b.weekStart === asked.week).map((b) => ({ member: m, bucket: b })))
    .filter(({ bucket }) => bucket.availableHours >= asked.minHours)
    .sort((a, b) => b.bucket.availableHours - a.bucket.availableHours);

  return (
    <section className="card search" data-testid="capacity-search">
      <h2>
        {t('cluster:search.title')} <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(form);
        }}
      >
        {t('cluster:search.whoCanDo')}
        <select aria-label={t('cluster:search.process')} value={form.process} onChange={(e) => setForm({ ...form, process: e.target.value as ProcessType })}>
          {apiEnums.ProcessType.map((p) => (
            <option key={p} value={p}>
              {processLabel(p)}
            </option>
          ))}
        </select>
        {t('cluster:search.withAtLeast')}
        <input
          aria-label={t('cluster:search.minimumFreeHours')}
          type="number"
          min={0}
          step={1}
          value={form.minHours}
          onChange={(e) => setForm({ ...form, minHours: Number(e.target.value) })}
        />
        {t('cluster:search.hoursFreeInWeek')}
        <select aria-label={t('cluster:search.week')} value={form.week} onChange={(e) => setForm({ ...form, week: e.target.value })}>
          {weeks.map((w) => (
            <option key={w} value={w}>
              {fmt.week(w)} ({fmt.date(w)})
            </option>
          ))}
        </select>
        <button type="submit">{t('cluster:search.search')}</button>
      </form>
      <ApiErrors error={error} memberName={(id) => names.get(id) ?? id} data={data} />
      {fetching && <p className="muted">{t('cluster:search.searching')}</p>}
      {data && !fetching && (
        <div data-testid="search-results">
          <p>
            {t(matches.length === 0 ? 'cluster:search.nobody' : 'cluster:search.found', {
              count: matches.length,
              hours: asked.minHours,
              process: processLabel(asked.process),
              week: fmt.week(asked.week),
            })}
          </p>
          {matches.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t('capacity:column.member')}</th>
                  <th className="num">{t('capacity:column.available')}</th>
                  <th className="num">{t('capacity:column.actual')}</th>
                  <th className="num">{t('capacity:column.committed')}</th>
                  <th className="num">{t('capacity:column.maximum')}</th>
                  <th className="num">{t('capacity:column.pricePerHour')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.map(({ member, bucket }) => (
                  <tr key={member.id}>
                    <td>
                      <Link to={`/members/${encodeURIComponent(member.id)}`}>{firm(member)}</Link>
                    </td>
                    <td className="num">
                      <b>{fmt.hours(bucket.availableHours)}</b>
                    </td>
                    <td className="num">{fmt.hours(bucket.actualHours)}</td>
                    <td className="num">{fmt.hours(bucket.committedHours)}</td>
                    <td className="num">{fmt.hours(bucket.maximumHours)}</td>
                    <td className="num">{fmt.won(bucket.pricePerHour)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
