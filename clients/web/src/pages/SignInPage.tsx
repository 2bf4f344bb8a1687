import { useEffect, useMemo, useState } from 'react';
import { demoUsers, login, parseLogin } from '@clustergraph/sdk';
import { API_ENDPOINT, useSession } from '../session.tsx';

/** Demo sign-in: pick any seeded user; the gateway's demo issuer hands out a JWT. */
export function SignInPage() {
  const { signIn } = useSession();
  const [users, setUsers] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    demoUsers(API_ENDPOINT).then(setUsers, (e: Error) => setError(`Cannot load demo users: ${e.message}`));
  }, []);

  const byMember = useMemo(() => {
    const groups = new Map<string, string[]>();
    for (const user of users ?? []) {
      const { memberId } = parseLogin(user);
      groups.set(memberId, [...(groups.get(memberId) ?? []), user]);
    }
    return [...groups];
  }, [users]);

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
          <section key={memberId} className="card">
            <h3>{memberId}</h3>
            {logins.map((user) => (
              <button key={user} type="button" disabled={busy !== null} onClick={() => choose(user)} data-login={user}>
                {busy === user ? 'Signing in…' : parseLogin(user).user}
              </button>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
