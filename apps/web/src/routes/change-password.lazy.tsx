import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { ChangePasswordPage } from "../features/session/ChangePasswordPage.tsx";

const routeApi = getRouteApi("/signed-in/account/password");

export const Route = createLazyRoute("/signed-in/account/password")({ component: ChangePasswordRoute });

function ChangePasswordRoute() {
  const { redirect } = routeApi.useSearch();
  return <ChangePasswordPage redirect={redirect} />;
}
