import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { InstancePage } from "../features/entities/InstancePage.tsx";

const routeApi = getRouteApi("/signed-in/instances/$instanceId");

export const Route = createLazyRoute("/signed-in/instances/$instanceId")({ component: InstancePageRoute });

function InstancePageRoute() {
  const { instanceId } = routeApi.useParams();
  return <InstancePage key={instanceId} instanceId={instanceId} />;
}
