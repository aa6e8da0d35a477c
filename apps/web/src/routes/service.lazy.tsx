import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ServicePage } from "../features/entities/ServicePage.tsx";

const routeApi = getRouteApi("/signed-in/services/$serviceId");

export const Route = createLazyRoute("/signed-in/services/$serviceId")({ component: ServicePageRoute });

function ServicePageRoute() {
  const { serviceId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return (
    <ServicePage
      key={serviceId}
      serviceId={serviceId}
      search={search}
      onSearchChange={(change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true })}
    />
  );
}
