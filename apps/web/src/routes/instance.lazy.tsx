import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { InstancePage } from "../features/entities/InstancePage.tsx";

const routeApi = getRouteApi("/instances/$instanceId");

export const Route = createLazyRoute("/instances/$instanceId")({ component: InstancePageRoute });

function InstancePageRoute() {
  const { instanceId } = routeApi.useParams();
  return <InstancePage key={instanceId} instanceId={instanceId} />;
}
