import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useSearch } from 'wouter';
import type { Principal } from '../server/auth/principal';
import { useHealth } from './api/health';
import { AdminHome } from './auth/AdminHome';
import { useAuthState } from './auth/auth-context';
import { LoginPage } from './auth/LoginPage';
import { viewsFor } from './auth/permissions';
import { SESSION_KEY, useSession } from './auth/session';
import { UserMenu } from './auth/UserMenu';
import { Header } from './ui/Header';
import { BigscreenView } from './views/bigscreen/BigscreenView';
import { GridsView } from './views/grids/GridsView';
import { HotspotsView } from './views/hotspots/HotspotsView';
import { PlannerView } from './views/planner/PlannerView';
import { type ViewId, viewPath } from './views/routes';

const VIEW_COMPONENTS: Record<ViewId, () => React.JSX.Element> = {
  bigscreen: BigscreenView,
  grids: GridsView,
  planner: PlannerView,
  hotspots: HotspotsView,
};

function Shell({ view, principal }: { view: ViewId | null; principal: Principal }) {
  const health = useHealth();
  const View = view ? VIEW_COMPONENTS[view] : AdminHome;
  return (
    <div className="gs-app">
      <Header
        current={view}
        districtName={health.data?.district.name ?? null}
        views={viewsFor(principal.role)}
      >
        <UserMenu principal={principal} />
      </Header>
      <View />
    </div>
  );
}

/** The views of the user's role, one path each; anything else goes to the role's home view, keeping the query. */
function Views({ principal }: { principal: Principal }) {
  const search = useSearch();
  const views = viewsFor(principal.role);
  const home = views[0];
  return (
    <Switch>
      {views.map((view) => (
        <Route key={view} path={viewPath(view)}>
          <Shell view={view} principal={principal} />
        </Route>
      ))}
      <Route>
        {home ? (
          <Redirect to={`${viewPath(home)}${search ? `?${search}` : ''}`} replace />
        ) : (
          <Shell view={null} principal={principal} />
        )}
      </Route>
    </Switch>
  );
}

/** The login gate: the login page without a session (or once the server answers 401), else the role's views. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const auth = useAuthState();
  const queryClient = useQueryClient();
  useEffect(() => {
    const stop = auth.onUnauthorized(() => queryClient.setQueryData(SESSION_KEY, null));
    return () => {
      stop();
    };
  }, [auth, queryClient]);
  if (session.isPending) return <div className="gs-splash">{t('auth.checking')}</div>;
  if (!session.data) return <LoginPage />;
  return <Views principal={session.data.principal} />;
}
