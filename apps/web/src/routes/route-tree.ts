import { createRootRoute, createRoute, stripSearchParams } from "@tanstack/react-router";
import { AppShell } from "../features/shell/AppShell.tsx";
import { defaultServiceLeaderboardSort, overviewSearchSchema } from "../lib/search-params.ts";
import { NotFoundPage } from "./not-found.tsx";

/**
 * The route tree, in code (no generator). Each route's page component lives in its own
 * `*.lazy.tsx` file, loaded on first visit; what must be known before loading (the path and the
 * search-param schema) stays here.
 */
const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  validateSearch: overviewSearchSchema,
  search: { middlewares: [stripSearchParams({ sort: defaultServiceLeaderboardSort })] },
}).lazy(() => import("./overview.lazy.tsx").then((m) => m.Route));

const serviceRoute = createRoute({ getParentRoute: () => rootRoute, path: "/services/$serviceId" }).lazy(() =>
  import("./service.lazy.tsx").then((m) => m.Route),
);
const instanceRoute = createRoute({ getParentRoute: () => rootRoute, path: "/instances/$instanceId" }).lazy(() =>
  import("./instance.lazy.tsx").then((m) => m.Route),
);
const regionRoute = createRoute({ getParentRoute: () => rootRoute, path: "/regions/$regionId" }).lazy(() =>
  import("./region.lazy.tsx").then((m) => m.Route),
);

const topologyRoute = createRoute({ getParentRoute: () => rootRoute, path: "/topology" }).lazy(() =>
  import("./topology.lazy.tsx").then((m) => m.Route),
);
const gcRoute = createRoute({ getParentRoute: () => rootRoute, path: "/gc" }).lazy(() =>
  import("./gc.lazy.tsx").then((m) => m.Route),
);
const profilesRoute = createRoute({ getParentRoute: () => rootRoute, path: "/profiles" }).lazy(() =>
  import("./profiles.lazy.tsx").then((m) => m.Route),
);
const changesRoute = createRoute({ getParentRoute: () => rootRoute, path: "/changes" }).lazy(() =>
  import("./changes.lazy.tsx").then((m) => m.Route),
);
const incidentsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/incidents" }).lazy(() =>
  import("./incidents.lazy.tsx").then((m) => m.Route),
);
const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: "/audit" }).lazy(() =>
  import("./audit.lazy.tsx").then((m) => m.Route),
);
const settingsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/settings" }).lazy(() =>
  import("./settings.lazy.tsx").then((m) => m.Route),
);

export const routeTree = rootRoute.addChildren([
  overviewRoute,
  serviceRoute,
  instanceRoute,
  regionRoute,
  topologyRoute,
  gcRoute,
  profilesRoute,
  changesRoute,
  incidentsRoute,
  auditRoute,
  settingsRoute,
]);
