import { createRouter } from "@tanstack/react-router";
import { RouteError, RoutePending } from "./components/RouteStates.tsx";
import { routeTree } from "./routes/route-tree.ts";

export function createAppRouter() {
  return createRouter({
    routeTree,
    defaultPreload: "intent",
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
