import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ChangeDetailPage } from "../features/changes/ChangeDetailPage.tsx";

const routeApi = getRouteApi("/signed-in/changes/$changeId");

export const Route = createLazyRoute("/signed-in/changes/$changeId")({ component: ChangeRoute });

function ChangeRoute() {
  const { changeId } = routeApi.useParams();
  // A new id is a new page: no state (an open editor, a dialog) carries over.
  return <ChangeDetailPage key={changeId} changeId={changeId} />;
}
