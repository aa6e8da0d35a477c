import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { AuditPage } from "../features/audit/AuditPage.tsx";

const routeApi = getRouteApi("/signed-in/audit");

export const Route = createLazyRoute("/signed-in/audit")({ component: AuditRoute });

function AuditRoute() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return <AuditPage search={search} onSearchChange={(next) => navigate({ search: next })} />;
}
