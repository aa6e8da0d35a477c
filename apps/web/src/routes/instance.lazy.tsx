import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { InstancePage } from "../features/entities/InstancePage.tsx";

const routeApi = getRouteApi("/signed-in/instances/$instanceId");

export const Route = createLazyRoute("/signed-in/instances/$instanceId")({ component: InstancePageRoute });

function InstancePageRoute() {
  const { instanceId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <InstancePage
      key={instanceId}
      instanceId={instanceId}
      search={search}
      onSearchChange={(change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true })}
    />
  );
}
