import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ClusterPage } from "../features/clusters/ClusterPage.tsx";

const routeApi = getRouteApi("/signed-in/clusters/$clusterId");

export const Route = createLazyRoute("/signed-in/clusters/$clusterId")({ component: ClusterRoute });

function ClusterRoute() {
  const { clusterId } = routeApi.useParams();
  return <ClusterPage key={clusterId} clusterId={clusterId} />;
}
