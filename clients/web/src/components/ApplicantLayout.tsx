import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../session.tsx';

/** The frame of an applicant's console: one page (its application), no member data to navigate. */
export function ApplicantLayout() {
  const { session, signOut } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">ClusterGraph</div>
        <nav data-testid="nav">
          <NavLink to="/join" className={({ isActive }) => (isActive ? 'active' : undefined)}>
            Join the cluster
          </NavLink>
        </nav>
        <div className="who">
          <span data-testid="signed-in-as">
            {session?.user} @ <strong>{session?.memberId}</strong>
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
