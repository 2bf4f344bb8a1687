import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { PAGES } from '../pages/registry.tsx';

export function Layout() {
  const { session, signOut } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">ClusterGraph</div>
        <nav>
          {PAGES.map((page) => (
            <NavLink key={page.path} to={page.path} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {page.label}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          {session && (
            <>
              <span data-testid="signed-in-as">
                {session.user} @ <strong>{session.memberId}</strong>
              </span>
              <button type="button" onClick={signOut}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
