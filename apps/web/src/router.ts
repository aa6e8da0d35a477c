import { createRouter } from "@tanstack/react-router";
import { RouteError, RoutePending } from "./components/RouteStates.tsx";
import { type RouterContext, routeTree } from "./routes/route-tree.ts";

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: "intent",
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

export type FleetdeckRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: FleetdeckRouter;
  }
}
