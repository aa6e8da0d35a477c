import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ProfilesListPage } from "../features/profiles/ProfilesListPage.tsx";

const routeApi = getRouteApi("/signed-in/profiles");

export const Route = createLazyRoute("/signed-in/profiles")({ component: ProfilesRoute });

function ProfilesRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return <ProfilesListPage search={search} onSearchChange={(next) => navigate({ search: next })} />;
}
