import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { OverviewPage } from "../features/overview/OverviewPage.tsx";

const routeApi = getRouteApi("/signed-in/");

export const Route = createLazyRoute("/signed-in/")({ component: OverviewRoute });

function OverviewRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <OverviewPage
      search={search}
      onSearchChange={(change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true })}
    />
  );
}
