// First: the language is chosen and the catalogues loaded before anything renders.
import './i18n/index.ts';
import { StrictMode, useLayoutEffect, useMemo, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Provider } from 'urql';
import { APPLICANT_USER } from '@clustergraph/sdk';
import { SessionProvider, useSession, type Session } from './session.tsx';
import { createUrqlClient } from './urqlClient.ts';
import { Layout } from './components/Layout.tsx';
import { ApplicantLayout } from './components/ApplicantLayout.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { MemberPage } from './pages/MemberPage.tsx';
import { PAGES } from './pages/registry.tsx';
import { ViewerProvider } from './viewer.tsx';
import './styles.css';

/**
 * Sends an address the console has no page for (the bare "#/" of a fresh sign-in among them) to
 * `to`, once, in the commit that draws it. <Navigate> redirects from a passive effect, which React
 * runs a task after that commit (and StrictMode runs effects again later still): a link followed in
 * between, such as a member page opened as soon as the signed-in view shows, was undone by the
 * stale redirect.
 */
function RedirectTo({ to }: { to: string }) {
  const navigate = useNavigate();
  const { key } = useLocation();
  const redirectedFrom = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (redirectedFrom.current === key) return;
    redirectedFrom.current = key;
    void navigate(to, { replace: true });
  }, [navigate, to, key]);
  return null;
}

/** An applicant's console: its application and nothing else (it reads no member data). */
function ApplicantRoutes() {
  return (
    <Routes>
      <Route element={<ApplicantLayout />}>
        <Route path="/join" element={<JoinPage />} />
        <Route path="*" element={<RedirectTo to="/join" />} />
      </Route>
    </Routes>
  );
}

function SignedIn({ session }: { session: Session }) {
  const { token } = session;
  // A new client per token: cached answers belong to the viewer who asked.
  const client = useMemo(() => createUrqlClient(token), [token]);
  if (session.user === APPLICANT_USER) {
    return (
      <Provider value={client}>
        <ApplicantRoutes />
      </Provider>
    );
  }
  return (
    <Provider value={client}>
      <ViewerProvider>
        <Routes>
          <Route element={<Layout />}>
            {PAGES.map((page) => (
              <Route key={page.path} path={page.path} element={page.element} />
            ))}
            <Route path="/members/:id" element={<MemberPage />} />
            <Route path="*" element={<RedirectTo to={PAGES[0]?.path ?? '/cluster'} />} />
          </Route>
        </Routes>
      </ViewerProvider>
    </Provider>
  );
}

function App() {
  const { session } = useSession();
  // Hash routes: the gateway serves the console as static files under /console, no SPA fallback needed.
  return <HashRouter>{session ? <SignedIn key={session.token} session={session} /> : <SignInPage />}</HashRouter>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
