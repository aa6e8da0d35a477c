import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ChangesListPage } from "../features/changes/ChangesListPage.tsx";

const routeApi = getRouteApi("/signed-in/changes");

export const Route = createLazyRoute("/signed-in/changes")({ component: ChangesRoute });

function ChangesRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return <ChangesListPage search={search} onSearchChange={(next) => navigate({ search: next })} />;
}
