import { PROCESS_TYPES, type ProcessType } from '@clustergraph/sdk';
import { useI18n } from '../i18n/useI18n.ts';

/** A labelled choice of one of the standard's processes (value: the API's enum value; text: its name in the reader's language). */
export function ProcessSelect({ label: text, value, onChange }: { label: string; value: ProcessType; onChange(process: ProcessType): void }) {
  const { label } = useI18n();
  return (
    <label>
      {text}{' '}
      <select aria-label={text} value={value} onChange={(e) => onChange(e.target.value as ProcessType)}>
        {PROCESS_TYPES.map((p) => (
          <option key={p} value={p}>
            {label('ProcessType', p)}
          </option>
        ))}
      </select>
    </label>
  );
}
