import { useState } from 'react';
import { applicantLogin } from '@clustergraph/sdk';
import { useI18n } from '../i18n/useI18n.ts';

/** The sign-in page's box for a firm that is not a member yet: signs in as applicant@<the id typed>. */
export function ApplySignIn({ busy, onApply }: { busy: boolean; onApply(login: string): void }) {
  const { t } = useI18n();
  const [firmId, setFirmId] = useState('');
  return (
    <form
      className="card inline-form apply-form"
      data-testid="apply-sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        if (firmId.trim()) onApply(applicantLogin(firmId.trim()));
      }}
    >
      <b>{t('join:signIn.title')}</b>
      <span className="muted">{t('join:signIn.hint')}</span>
      <input aria-label={t('join:signIn.idLabel')} placeholder="new-firm-id" value={firmId} onChange={(e) => setFirmId(e.target.value.toLowerCase())} />
      <button type="submit" disabled={busy || firmId.trim() === ''}>
        {t('join:signIn.button')}
      </button>
    </form>
  );
}
