import { NavLink, Outlet } from 'react-router-dom';
import { apiLabel, firmName } from '@clustergraph/i18n';
import { useSession } from '../session.tsx';
import { pagesFor } from '../pages/registry.tsx';
import { useViewer } from '../viewer.tsx';
import { ApiErrors } from './ApiErrors.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { useWriteRetriedNotice } from '../writeNotices.ts';
import { useI18n } from '../i18n/useI18n.ts';

export function Layout() {
  const { t, language } = useI18n();
  const { session, signOut } = useSession();
  const { viewer, memberRoles, loading, error } = useViewer();
  // Until the firm's roles are known, only the pages every firm has.
  const pages = pagesFor(memberRoles);
  const writeNotice = useWriteRetriedNotice();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">ClusterGraph</div>
        <nav data-testid="nav" aria-busy={loading}>
          {pages.map((page) => (
            <NavLink key={page.path} to={page.path} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {t(page.label)}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          <LanguageMenu />
          {session && (
            <>
              <span data-testid="signed-in-as" title={viewer ? `${viewer.userId} · ${viewer.roles.join(', ')}` : undefined}>
                {session.user} @ <strong>{viewer?.member ? firmName(viewer.member, language) : session.memberId}</strong>
                {memberRoles.length > 0 && <span className="who-roles"> · {memberRoles.map((r) => apiLabel(t, 'MemberRole', r)).join(', ')}</span>}
                <span className="sr-only"> ({session.memberId})</span>
              </span>
              <button type="button" onClick={signOut}>
                {t('common:signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main>
        {error && <ApiErrors error={error} />}
        {writeNotice && (
          <div className="write-notice" role="status" data-testid="write-retried">
            {writeNotice}
          </div>
        )}
        <Outlet />
      </main>
    </div>
  );
}
