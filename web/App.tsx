import { Redirect, Route, Switch, useSearch } from 'wouter';
import { useHealth } from './api/health';
import { Header } from './ui/Header';
import { BigscreenView } from './views/bigscreen/BigscreenView';
import { GridsView } from './views/grids/GridsView';
import { HotspotsView } from './views/hotspots/HotspotsView';
import { PlannerView } from './views/planner/PlannerView';
import { DEFAULT_VIEW, type ViewId, viewPath } from './views/routes';

const VIEW_COMPONENTS: Record<ViewId, () => React.JSX.Element> = {
  bigscreen: BigscreenView,
  grids: GridsView,
  planner: PlannerView,
  hotspots: HotspotsView,
};

function Shell({ view }: { view: ViewId }) {
  const health = useHealth();
  const View = VIEW_COMPONENTS[view];
  return (
    <div className="gs-app">
      <Header current={view} districtName={health.data?.district.name ?? null} />
      <View />
    </div>
  );
}

/** The router: one path per view; anything else goes to the default view, keeping the query. */
export function App() {
  const search = useSearch();
  return (
    <Switch>
      {(Object.keys(VIEW_COMPONENTS) as ViewId[]).map((view) => (
        <Route key={view} path={viewPath(view)}>
          <Shell view={view} />
        </Route>
      ))}
      <Route>
        <Redirect to={`${viewPath(DEFAULT_VIEW)}${search ? `?${search}` : ''}`} replace />
      </Route>
    </Switch>
  );
}
