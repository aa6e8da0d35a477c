import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { GcLeaderboardPage } from "../features/gc/GcLeaderboardPage.tsx";

const routeApi = getRouteApi("/signed-in/gc");

export const Route = createLazyRoute("/signed-in/gc")({ component: GcRoute });

function GcRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <GcLeaderboardPage
      search={search}
      onSearchChange={(change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true })}
    />
  );
}
