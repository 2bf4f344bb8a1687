import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { LanguageMenu } from './LanguageMenu.tsx';

/** The frame of an applicant's console: one page (its application), no member data to navigate. */
export function ApplicantLayout() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">ClusterGraph</div>
        <nav data-testid="nav">
          <NavLink to="/join" className={({ isActive }) => (isActive ? 'active' : undefined)}>
            {t('join:nav')}
          </NavLink>
        </nav>
        <div className="who">
          <LanguageMenu />
          <span data-testid="signed-in-as">
            {session?.user} @ <strong>{session?.memberId}</strong>
          </span>
          <button type="button" onClick={signOut}>
            {t('common:signOut')}
          </button>
        </div>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
