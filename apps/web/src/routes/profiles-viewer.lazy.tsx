import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ProfileViewerPage } from "../features/profiles/ProfileViewerPage.tsx";

const routeApi = getRouteApi("/signed-in/profiles/$profileId");

export const Route = createLazyRoute("/signed-in/profiles/$profileId")({ component: ProfileViewerRoute });

function ProfileViewerRoute() {
  const { profileId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <ProfileViewerPage
      key={profileId}
      profileId={profileId}
      search={search}
      // Zooms and view switches are history steps (Back zooms out); typing a search is not.
      onSearchChange={(change) =>
        navigate({ search: (previous) => ({ ...previous, ...change }), replace: "search" in change })
      }
    />
  );
}
