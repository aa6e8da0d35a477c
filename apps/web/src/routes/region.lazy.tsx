import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { RegionPage } from "../features/entities/RegionPage.tsx";

const routeApi = getRouteApi("/regions/$regionId");

export const Route = createLazyRoute("/regions/$regionId")({ component: RegionPageRoute });

function RegionPageRoute() {
  const { regionId } = routeApi.useParams();
  return <RegionPage key={regionId} regionId={regionId} />;
}
