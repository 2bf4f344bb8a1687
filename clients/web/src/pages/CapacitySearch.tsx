import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { PLANNING } from '../urqlClient.ts';
import { ClusterCapacityDocument, apiEnums, isoWeekLabel, mondayOf, weeksFrom, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { hours, processLabel, won } from '../format.ts';

const WEEK_CHOICES = 12;

/** "Who can do PROCESS with ≥ N h free in week W?", answered from the members' capacity buckets. */
export function CapacitySearch() {
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
  const names = new Map((data?.members ?? []).map((m) => [m.id, m.name]));

  const matches = (data?.members ?? [])
    .flatMap((m) => (m.capacity ?? []).filter((b) => b.process === asked.process && b.weekStart === asked.week).map((b) => ({ member: m, bucket: b })))
    .filter(({ bucket }) => bucket.availableHours >= asked.minHours)
    .sort((a, b) => b.bucket.availableHours - a.bucket.availableHours);

  return (
    <section className="card search" data-testid="capacity-search">
      <h2>
        Find capacity <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(form);
        }}
      >
        Who can do
        <select aria-label="Process" value={form.process} onChange={(e) => setForm({ ...form, process: e.target.value as ProcessType })}>
          {apiEnums.ProcessType.map((p) => (
            <option key={p} value={p}>
              {processLabel(p)}
            </option>
          ))}
        </select>
        with ≥
        <input
          aria-label="Minimum free hours"
          type="number"
          min={0}
          step={1}
          value={form.minHours}
          onChange={(e) => setForm({ ...form, minHours: Number(e.target.value) })}
        />
        h free in week
        <select aria-label="Week" value={form.week} onChange={(e) => setForm({ ...form, week: e.target.value })}>
          {weeks.map((w) => (
            <option key={w} value={w}>
              {isoWeekLabel(w)} ({w})
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <ApiErrors error={error} memberName={(id) => names.get(id) ?? id} data={data} />
      {fetching && <p className="muted">Searching…</p>}
      {data && !fetching && (
        <div data-testid="search-results">
          <p>
            {matches.length === 0
              ? `Nobody has ${asked.minHours} h of ${processLabel(asked.process)} free in ${isoWeekLabel(asked.week)}.`
              : `${matches.length} member${matches.length === 1 ? '' : 's'} with ≥ ${asked.minHours} h of ${processLabel(asked.process)} free in ${isoWeekLabel(asked.week)}:`}
          </p>
          {matches.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Member</th>
                  <th className="num">Available</th>
                  <th className="num">Actual</th>
                  <th className="num">Committed</th>
                  <th className="num">Maximum</th>
                  <th className="num">Price / h</th>
                </tr>
              </thead>
              <tbody>
                {matches.map(({ member, bucket }) => (
                  <tr key={member.id}>
                    <td>
                      <Link to={`/members/${encodeURIComponent(member.id)}`}>{member.name}</Link>
                    </td>
                    <td className="num">
                      <b>{hours(bucket.availableHours)}</b>
                    </td>
                    <td className="num">{hours(bucket.actualHours)}</td>
                    <td className="num">{hours(bucket.committedHours)}</td>
                    <td className="num">{hours(bucket.maximumHours)}</td>
                    <td className="num">{won(bucket.pricePerHour)}</td>
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
