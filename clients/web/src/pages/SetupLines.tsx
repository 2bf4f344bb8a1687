import { useState } from 'react';
import { useMutation } from 'urql';
import { PROCESS_TYPES, UpsertLineDocument, type FirmSetupQuery, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { processLabel } from '../format.ts';

type Line = NonNullable<NonNullable<FirmSetupQuery['member']>['lines']>[number];

const TEXT = {
  title: 'Lines',
  none: 'No line yet: add the first one below.',
  id: 'Line id',
  name: 'Line name',
  rate: 'Units per hour',
  save: 'Save line',
};

const COLUMNS: Column<Line>[] = [
  { key: 'id', header: 'Id', value: (l) => l.id },
  { key: 'name', header: 'Name', value: (l) => l.name },
  { key: 'processes', header: 'Processes', value: (l) => l.processes.map(processLabel).join(', ') },
  { key: 'rate', header: 'Units/h', value: (l) => l.ratedUnitsPerHour, align: 'right' },
];

/** The firm's lines, and a form that adds one or changes one (same id). */
export function SetupLines({ memberId, lines, onSaved }: { memberId: string; lines: readonly Line[]; onSaved(): void }) {
  const [form, setForm] = useState<{ id: string; name: string; processes: ProcessType[]; rate: string }>({ id: '', name: '', processes: [], rate: '' });
  const [{ error, fetching }, upsert] = useMutation(UpsertLineDocument);
  const toggle = (p: ProcessType) =>
    setForm({ ...form, processes: form.processes.includes(p) ? form.processes.filter((x) => x !== p) : [...form.processes, p] });
  return (
    <section data-testid="setup-lines">
      <h2>{TEXT.title}</h2>
      {lines.length === 0 ? <p className="muted">{TEXT.none}</p> : <DataTable rows={lines} columns={COLUMNS} rowKey={(l) => l.id} testId="setup-lines-table" />}
      <form
        className="card form-grid"
        onSubmit={async (e) => {
          e.preventDefault();
          const rate = form.rate.trim() === '' ? null : Number(form.rate);
          const result = await upsert({ memberId, input: { id: form.id.trim(), name: form.name.trim(), processes: form.processes, ratedUnitsPerHour: rate } });
          if (result.data) {
            setForm({ id: '', name: '', processes: [], rate: '' });
            onSaved();
          }
        }}
      >
        <label>
          {TEXT.id} <input required aria-label={TEXT.id} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        </label>
        <label>
          {TEXT.name} <input required aria-label={TEXT.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {TEXT.rate}{' '}
          <input aria-label={TEXT.rate} type="number" min="0" step="any" value={form.rate} onChange={(e) => setForm({ ...form, rate: e.target.value })} />
        </label>
        <fieldset>
          <legend>Processes</legend>
          {PROCESS_TYPES.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" aria-label={`line process ${p}`} checked={form.processes.includes(p)} onChange={() => toggle(p)} /> {processLabel(p)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={fetching}>
          {TEXT.save}
        </button>
        <ApiErrors error={error} />
      </form>
    </section>
  );
}
