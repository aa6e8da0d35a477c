import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { RegionPage } from "../features/entities/RegionPage.tsx";

const routeApi = getRouteApi("/signed-in/regions/$regionId");

export const Route = createLazyRoute("/signed-in/regions/$regionId")({ component: RegionPageRoute });

function RegionPageRoute() {
  const { regionId } = routeApi.useParams();
  return <RegionPage key={regionId} regionId={regionId} />;
}
