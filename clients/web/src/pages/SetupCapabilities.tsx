import { useState } from 'react';
import { useMutation } from 'urql';
import { PROCESS_TYPES, SetCapabilitiesDocument, type CapabilityInput, type FirmSetupQuery, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { ProcessSelect } from '../components/ProcessSelect.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type Capability = NonNullable<NonNullable<FirmSetupQuery['member']>['capabilities']>[number];

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function asInput(c: Capability): CapabilityInput {
  return { process: c.process, materials: c.materials, maxPartSizeMm: c.maxPartSizeMm ?? null, certifications: c.certifications };
}

/** The firm's capability list; the mutation replaces the whole list, so a save sends the others along with the new one. */
export function SetupCapabilities({ memberId, capabilities, onSaved }: { memberId: string; capabilities: readonly Capability[]; onSaved(): void }) {
  const { t, label } = useI18n();
  const [form, setForm] = useState<{ process: ProcessType; materials: string; size: string; certifications: string }>({
    process: PROCESS_TYPES[0]!,
    materials: '',
    size: '',
    certifications: '',
  });
  const [{ error, fetching }, save] = useMutation(SetCapabilitiesDocument);
  const send = async (input: CapabilityInput[]) => {
    const result = await save({ memberId, input });
    if (result.data) onSaved();
    return Boolean(result.data);
  };
  return (
    <section data-testid="setup-capabilities">
      <h2>{t('setup:capabilities.title')}</h2>
      {capabilities.length === 0 && <p className="muted">{t('setup:capabilities.none')}</p>}
      <ul>
        {capabilities.map((c) => (
          <li key={c.process} data-testid={`capability-${c.process}`}>
            <strong>{label('ProcessType', c.process)}</strong> · {c.materials.join(', ') || '—'}
            {c.maxPartSizeMm != null ? ` · ${t('setup:capabilities.upTo', { size: c.maxPartSizeMm })}` : ''}
            {c.certifications.length ? ` · ${c.certifications.join(', ')}` : ''}{' '}
            <button
              type="button"
              className="danger"
              disabled={fetching}
              onClick={() => void send(capabilities.filter((x) => x.process !== c.process).map(asInput))}
            >
              {t('setup:capabilities.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card form-grid"
        onSubmit={async (e) => {
          e.preventDefault();
          const next: CapabilityInput = {
            process: form.process,
            materials: list(form.materials),
            maxPartSizeMm: form.size.trim() === '' ? null : Number(form.size),
            certifications: list(form.certifications),
          };
          // One entry per process: saving a process again replaces its entry.
          const saved = await send([...capabilities.filter((c) => c.process !== form.process).map(asInput), next]);
          if (saved) setForm({ ...form, materials: '', size: '', certifications: '' });
        }}
      >
        <ProcessSelect label={t('setup:capabilities.process')} value={form.process} onChange={(process) => setForm({ ...form, process })} />
        <label>
          {t('setup:capabilities.materials')}{' '}
          <input aria-label={t('setup:capabilities.materials')} value={form.materials} onChange={(e) => setForm({ ...form, materials: e.target.value })} />
        </label>
        <label>
          {t('setup:capabilities.size')}{' '}
          <input
            aria-label={t('setup:capabilities.size')}
            type="number"
            min="0"
            step="any"
            value={form.size}
            onChange={(e) => setForm({ ...form, size: e.target.value })}
          />
        </label>
        <label>
          {t('setup:capabilities.certifications')}{' '}
          <input
            aria-label={t('setup:capabilities.certifications')}
            value={form.certifications}
            onChange={(e) => setForm({ ...form, certifications: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={fetching}>
          {t('setup:capabilities.save')}
        </button>
        <ApiErrors error={error} />
      </form>
    </section>
  );
}
