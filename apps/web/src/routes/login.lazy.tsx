import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { LoginPage } from "../features/session/LoginPage.tsx";
import { safeRedirectPath } from "../features/session/redirect-path.ts";

const routeApi = getRouteApi("/login");

export const Route = createLazyRoute("/login")({ component: LoginRoute });

function LoginRoute() {
  const { redirect, error } = routeApi.useSearch();
  return <LoginPage afterLoginPath={safeRedirectPath(redirect)} ssoError={error} />;
}
