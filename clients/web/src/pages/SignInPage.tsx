import { useEffect, useMemo, useState } from 'react';
import { RegistryDocument, createClusterGraphClient, demoLogins, login, parseLogin, type RegistryQuery } from '@clustergraph/sdk';
import { apiLabel, firmName } from '@clustergraph/i18n';
import { API_ENDPOINT, useSession } from '../session.tsx';
import { LanguageMenu } from '../components/LanguageMenu.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { ApplySignIn } from './ApplySignIn.tsx';

/** Demo sign-in: pick any seeded user; the gateway's demo issuer hands out a JWT. */
export function SignInPage() {
  const { t, language } = useI18n();
  const { signIn } = useSession();
  const [users, setUsers] = useState<string[] | null>(null);
  // applicant@<id> of the firms whose application is open: they come back to read the answer.
  const [applicants, setApplicants] = useState<string[]>([]);
  // Kept as a message key and its arguments, so that switching the language re-words it.
  const [error, setError] = useState<{ key: string; values: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // The public registry names each firm and its cluster roles (anyone may read it, signed in or not).
  const [firms, setFirms] = useState<Map<string, RegistryQuery['members'][number]>>(new Map());

  useEffect(() => {
    demoLogins(API_ENDPOINT).then(
      (logins) => {
        setUsers(logins.users);
        setApplicants(logins.applicants);
      },
      (e: Error) => setError({ key: 'signIn:cannotLoadUsers', values: { message: e.message } }),
    );
    createClusterGraphClient({ endpoint: API_ENDPOINT, token: null })
      .execute(RegistryDocument)
      .then(
        ({ data }) => setFirms(new Map((data?.members ?? []).map((m) => [m.id, m]))),
        () => setFirms(new Map()), // the ids still sign in; names are a courtesy
      );
  }, []);

  const byMember = useMemo(() => {
    const groups = new Map<string, string[]>();
    for (const user of [...(users ?? []), ...applicants]) {
      const { memberId } = parseLogin(user);
      groups.set(memberId, [...(groups.get(memberId) ?? []), user]);
    }
    return [...groups];
  }, [users, applicants]);

  async function choose(user: string) {
    setBusy(user);
    setError(null);
    try {
      signIn(user, await login(API_ENDPOINT, user));
    } catch (e) {
      setError({ key: 'signIn:failed', values: { user, message: (e as Error).message } });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="sign-in">
      <div className="sign-in-head">
        <h1>{t('signIn:title')}</h1>
        <LanguageMenu />
      </div>
      <p className="muted">{t('signIn:intro')}</p>
      {error && (
        <div className="api-errors" role="alert">
          ⚠ {t(error.key, error.values)}
        </div>
      )}
      {users === null && !error && <p>{t('signIn:loading')}</p>}
      <div className="user-groups">
        {byMember.map(([memberId, logins]) => (
          <section key={memberId} className="card" data-testid={`firm-${memberId}`}>
            <h3>{firms.get(memberId) ? firmName(firms.get(memberId)!, language) : memberId}</h3>
            <div className="muted small">
              {firms.get(memberId)?.roles.map((r) => (
                <span key={r} className={`chip role-${r.toLowerCase()}`}>
                  {apiLabel(t, 'MemberRole', r)}
                </span>
              ))}{' '}
              <span translate="no">{memberId}</span>
            </div>
            {logins.map((user) => (
              <button key={user} type="button" disabled={busy !== null} onClick={() => choose(user)} data-login={user}>
                {busy === user ? t('signIn:signingIn') : parseLogin(user).user}
              </button>
            ))}
          </section>
        ))}
      </div>
      <ApplySignIn busy={busy !== null} onApply={(login) => void choose(login)} />
    </div>
  );
}
