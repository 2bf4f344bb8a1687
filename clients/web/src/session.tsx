import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { decodeTokenClaims, parseLogin } from '@clustergraph/sdk';

/** The GraphQL endpoint on the console's own origin (the gateway serves both). */
export const API_ENDPOINT = '/graphql';

const STORAGE_KEY = 'clustergraph.session';

export interface Session {
  token: string;
  login: string;
  memberId: string;
  user: string;
  expiresAt: number | undefined;
}

interface SessionContextValue {
  session: Session | null;
  signIn(login: string, token: string): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt && session.expiresAt * 1000 < Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readStored);
  const signIn = useCallback((login: string, token: string) => {
    const { memberId, user } = parseLogin(login);
    const exp = decodeTokenClaims(token)['exp'];
    const next: Session = { token, login, memberId, user, expiresAt: typeof exp === 'number' ? exp : undefined };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
