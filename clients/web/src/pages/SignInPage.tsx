import { useEffect, useMemo, useState } from 'react';
import { RegistryDocument, applicantLogin, createClusterGraphClient, demoLogins, login, parseLogin, type RegistryQuery } from '@clustergraph/sdk';
import { API_ENDPOINT, useSession } from '../session.tsx';

/** Demo sign-in: pick any seeded user; the gateway's demo issuer hands out a JWT. */
export function SignInPage() {
  const { signIn } = useSession();
  const [users, setUsers] = useState<string[] | null>(null);
  const [applicants, setApplicants] = useState<string[]>([]);
  const [newFirmId, setNewFirmId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // The public registry names each firm and its cluster roles (anyone may read it, signed in or not).
  const [firms, setFirms] = useState<Map<string, RegistryQuery['members'][number]>>(new Map());

  useEffect(() => {
    demoLogins(API_ENDPOINT).then(
      (logins) => {
        setUsers(logins.users);
        setApplicants(logins.applicants);
      },
      (e: Error) => setError(`Cannot load demo users: ${e.message}`),
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
      setError(`Sign-in as ${user} failed: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="sign-in">
      <h1>ClusterGraph console</h1>
      <p className="muted">Sign in as a demo user. You see what your firm's role and the other firms' sharing policies allow.</p>
      {error && (
        <div className="api-errors" role="alert">
          ⚠ {error}
        </div>
      )}
      {users === null && !error && <p>Loading demo users…</p>}
      <div className="user-groups">
        {byMember.map(([memberId, logins]) => (
          <section key={memberId} className="card" data-testid={`firm-${memberId}`}>
            <h3>{firms.get(memberId)?.name ?? memberId}</h3>
            <div className="muted small">
              {firms.get(memberId)?.roles.map((r) => (
                <span key={r} className={`chip role-${r.toLowerCase()}`}>
                  {r.toLowerCase()}
                </span>
              ))}{' '}
              {memberId}
            </div>
            {logins.map((user) => (
              <button key={user} type="button" disabled={busy !== null} onClick={() => choose(user)} data-login={user}>
                {busy === user ? 'Signing in…' : parseLogin(user).user}
              </button>
            ))}
          </section>
        ))}
      </div>
      <form
        className="card inline-form apply-form"
        data-testid="apply-sign-in"
        onSubmit={(e) => {
          e.preventDefault();
          if (newFirmId.trim()) void choose(applicantLogin(newFirmId.trim()));
        }}
      >
        <b>{TEXT.applyTitle}</b>
        <span className="muted">{TEXT.applyHint}</span>
        <input aria-label={TEXT.applyIdLabel} placeholder="new-firm-id" value={newFirmId} onChange={(e) => setNewFirmId(e.target.value.toLowerCase())} />
        <button type="submit" disabled={busy !== null || newFirmId.trim() === ''}>
          {TEXT.applyButton}
        </button>
      </form>
    </div>
  );
}

const TEXT = {
  applyTitle: 'Not a member yet?',
  applyHint: 'Sign in as an applicant for your firm id (lowercase letters, digits, hyphens) and apply to join.',
  applyIdLabel: 'Your firm id',
  applyButton: 'Apply to join',
};
