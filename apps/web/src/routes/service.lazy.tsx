import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ServicePage } from "../features/entities/ServicePage.tsx";

const routeApi = getRouteApi("/services/$serviceId");

export const Route = createLazyRoute("/services/$serviceId")({ component: ServicePageRoute });

function ServicePageRoute() {
  const { serviceId } = routeApi.useParams();
  return <ServicePage key={serviceId} serviceId={serviceId} />;
}
