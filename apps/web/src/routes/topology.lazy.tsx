import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { TopologyPage } from "../features/topology/TopologyPage.tsx";

const routeApi = getRouteApi("/signed-in/topology");

export const Route = createLazyRoute("/signed-in/topology")({ component: TopologyRoute });

function TopologyRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <TopologyPage
      search={search}
      onSearchChange={(change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true })}
    />
  );
}
