import { useState } from 'react';
import { useMutation } from 'urql';
import { PROCESS_TYPES, UpsertLineDocument, type FirmSetupQuery, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type Line = NonNullable<NonNullable<FirmSetupQuery['member']>['lines']>[number];

/** The firm's lines, and a form that adds one or changes one (same id). */
export function SetupLines({ memberId, lines, onSaved }: { memberId: string; lines: readonly Line[]; onSaved(): void }) {
  const { t, fmt, label } = useI18n();
  const columns: Column<Line>[] = [
    { key: 'id', header: t('setup:lines.columnId'), value: (l) => l.id },
    { key: 'name', header: t('setup:lines.columnName'), value: (l) => l.name },
    { key: 'processes', header: t('setup:lines.columnProcesses'), value: (l) => l.processes.map((p) => label('ProcessType', p)).join(', ') },
    { key: 'rate', header: t('setup:lines.columnRate'), value: (l) => l.ratedUnitsPerHour, render: (l) => fmt.number(l.ratedUnitsPerHour), align: 'right' },
  ];
  const [form, setForm] = useState<{ id: string; name: string; processes: ProcessType[]; rate: string }>({ id: '', name: '', processes: [], rate: '' });
  const [{ error, fetching }, upsert] = useMutation(UpsertLineDocument);
  const toggle = (p: ProcessType) =>
    setForm({ ...form, processes: form.processes.includes(p) ? form.processes.filter((x) => x !== p) : [...form.processes, p] });
  return (
    <section data-testid="setup-lines">
      <h2>{t('setup:lines.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('setup:lines.none')}</p>
      ) : (
        <DataTable rows={lines} columns={columns} rowKey={(l) => l.id} testId="setup-lines-table" />
      )}
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
          {t('setup:lines.id')} <input required aria-label={t('setup:lines.id')} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        </label>
        <label>
          {t('setup:lines.name')}{' '}
          <input required aria-label={t('setup:lines.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('setup:lines.rate')}{' '}
          <input
            aria-label={t('setup:lines.rate')}
            type="number"
            min="0"
            step="any"
            value={form.rate}
            onChange={(e) => setForm({ ...form, rate: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>{t('setup:lines.processes')}</legend>
          {PROCESS_TYPES.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                aria-label={t('setup:lines.processCheck', { process: p })}
                checked={form.processes.includes(p)}
                onChange={() => toggle(p)}
              />{' '}
              {label('ProcessType', p)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={fetching}>
          {t('setup:lines.save')}
        </button>
        <ApiErrors error={error} />
      </form>
    </section>
  );
}
