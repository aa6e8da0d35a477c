import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { NewChangePage } from "../features/changes/NewChangePage.tsx";

const routeApi = getRouteApi("/signed-in/changes/new");

export const Route = createLazyRoute("/signed-in/changes/new")({ component: NewChangeRoute });

function NewChangeRoute() {
  const { service } = routeApi.useSearch();
  return <NewChangePage serviceId={service} />;
}
