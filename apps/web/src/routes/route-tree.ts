import { createRootRouteWithContext, createRoute, stripSearchParams } from "@tanstack/react-router";
import { auditSearchSchema, defaultAuditTimeRange } from "../features/audit/audit-search.ts";
import {
  changeListSearchSchema,
  defaultChangeListView,
  newChangeSearchSchema,
} from "../features/changes/change-search.ts";
import { defaultGcLeaderboardSearch, gcLeaderboardSearchSchema } from "../features/gc/gc-leaderboard-search.ts";
import { gcPageSearchSchema } from "../features/gc/gc-page-search.ts";
import {
  defaultProfileDiffSearch,
  defaultProfileViewSearch,
  profileDiffSearchSchema,
  profileListSearchSchema,
  profileViewSearchSchema,
} from "../features/profiles/profile-search.ts";
import { changePasswordSearchSchema, requireChosenPassword } from "../features/session/password-change-gate.ts";
import { loginSearchSchema } from "../features/session/redirect-path.ts";
import { requireSignedInUser, type SessionCheckContext } from "../features/session/session-query.ts";
import { AppShell } from "../features/shell/AppShell.tsx";
import { topologySearchSchema } from "../features/topology/topology-search.ts";
import { defaultServiceLeaderboardSort, overviewSearchSchema } from "../lib/search-params.ts";
import { NotFoundPage } from "./not-found.tsx";

/** What every route's `beforeLoad` can reach: the cache and the tRPC options to check the session. */
export type RouterContext = SessionCheckContext;

/**
 * The route tree, in code (no generator). Each route's page component lives in its own
 * `*.lazy.tsx` file, loaded on first visit; what must be known before loading (the path, the
 * search-param schema, the session check) stays here.
 *
 * Only `/login` is public. Every other page sits under the pathless `signed-in` layout, whose
 * `beforeLoad` sends a signed-out person to `/login?redirect=…` before the page or its data load.
 */
const rootRoute = createRootRouteWithContext<RouterContext>()({ notFoundComponent: NotFoundPage });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: loginSearchSchema,
}).lazy(() => import("./login.lazy.tsx").then((m) => m.Route));

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  // Signed in first; then a user who must replace their password goes to do so before any page.
  beforeLoad: async (options) => {
    const session = await requireSignedInUser(options);
    requireChosenPassword(session.user, options.location);
    return session;
  },
  component: AppShell,
  notFoundComponent: NotFoundPage,
});

const overviewRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  validateSearch: overviewSearchSchema,
  search: { middlewares: [stripSearchParams({ sort: defaultServiceLeaderboardSort })] },
}).lazy(() => import("./overview.lazy.tsx").then((m) => m.Route));

const serviceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/services/$serviceId",
  validateSearch: gcPageSearchSchema,
}).lazy(() => import("./service.lazy.tsx").then((m) => m.Route));
const instanceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/instances/$instanceId",
  validateSearch: gcPageSearchSchema,
}).lazy(() => import("./instance.lazy.tsx").then((m) => m.Route));
const regionRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/regions/$regionId" }).lazy(() =>
  import("./region.lazy.tsx").then((m) => m.Route),
);

const topologyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/topology",
  validateSearch: topologySearchSchema,
}).lazy(() => import("./topology.lazy.tsx").then((m) => m.Route));
const clusterRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/clusters/$clusterId" }).lazy(() =>
  import("./cluster.lazy.tsx").then((m) => m.Route),
);
const gcRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/gc",
  validateSearch: gcLeaderboardSearchSchema,
  search: { middlewares: [stripSearchParams(defaultGcLeaderboardSearch)] },
}).lazy(() => import("./gc.lazy.tsx").then((m) => m.Route));
const profilesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/profiles",
  validateSearch: profileListSearchSchema,
}).lazy(() => import("./profiles.lazy.tsx").then((m) => m.Route));
const profileViewerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/profiles/$profileId",
  validateSearch: profileViewSearchSchema,
  search: { middlewares: [stripSearchParams(defaultProfileViewSearch)] },
}).lazy(() => import("./profiles-viewer.lazy.tsx").then((m) => m.Route));
const profileDiffRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/profiles/diff",
  validateSearch: profileDiffSearchSchema,
  search: { middlewares: [stripSearchParams(defaultProfileDiffSearch)] },
}).lazy(() => import("./profiles-diff.lazy.tsx").then((m) => m.Route));
const changesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/changes",
  validateSearch: changeListSearchSchema,
  search: { middlewares: [stripSearchParams({ view: defaultChangeListView })] },
}).lazy(() => import("./changes.lazy.tsx").then((m) => m.Route));
const newChangeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/changes/new",
  validateSearch: newChangeSearchSchema,
}).lazy(() => import("./changes-new.lazy.tsx").then((m) => m.Route));
const changeRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/changes/$changeId" }).lazy(() =>
  import("./change.lazy.tsx").then((m) => m.Route),
);
const incidentsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/incidents" }).lazy(() =>
  import("./incidents.lazy.tsx").then((m) => m.Route),
);
const auditRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/audit",
  validateSearch: auditSearchSchema,
  search: { middlewares: [stripSearchParams({ range: defaultAuditTimeRange })] },
}).lazy(() => import("./audit.lazy.tsx").then((m) => m.Route));
const settingsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings" }).lazy(() =>
  import("./settings.lazy.tsx").then((m) => m.Route),
);

const usersRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/users" }).lazy(() =>
  import("./users.lazy.tsx").then((m) => m.Route),
);
const changePasswordRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/account/password",
  validateSearch: changePasswordSearchSchema,
}).lazy(() => import("./change-password.lazy.tsx").then((m) => m.Route));

/**
 * Any other address, inside the signed-in shell: a signed-out visitor is asked to sign in first
 * (so which pages exist is not told to strangers), a signed-in one keeps the sidebar to go on.
 */
const unknownPathRoute = createRoute({ getParentRoute: () => signedInRoute, path: "$", component: NotFoundPage });

export const routeTree = rootRoute.addChildren([
  loginRoute,
  signedInRoute.addChildren([
    overviewRoute,
    serviceRoute,
    instanceRoute,
    regionRoute,
    topologyRoute,
    clusterRoute,
    gcRoute,
    profilesRoute,
    profileViewerRoute,
    profileDiffRoute,
    changesRoute,
    newChangeRoute,
    changeRoute,
    incidentsRoute,
    auditRoute,
    settingsRoute,
    usersRoute,
    changePasswordRoute,
    unknownPathRoute,
  ]),
]);
