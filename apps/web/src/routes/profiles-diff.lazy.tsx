import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ProfileDiffPage } from "../features/profiles/ProfileDiffPage.tsx";

const routeApi = getRouteApi("/signed-in/profiles/diff");

export const Route = createLazyRoute("/signed-in/profiles/diff")({ component: ProfileDiffRoute });

function ProfileDiffRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <ProfileDiffPage
      search={search}
      // Zooms are history steps (Back zooms out); typing a search is not.
      onSearchChange={(change) =>
        navigate({ search: (previous) => ({ ...previous, ...change }), replace: "search" in change })
      }
    />
  );
}
