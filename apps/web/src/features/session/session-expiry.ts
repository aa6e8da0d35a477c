import type { QueryClient } from "@tanstack/react-query";
import type { FleetdeckTrpc } from "../../lib/trpc.ts";
import type { FleetdeckRouter } from "../../router.ts";
import { loginPath } from "./redirect-path.ts";

/**
 * What to do when a call is answered UNAUTHORIZED: the session expired or was revoked (signed out
 * in another tab, disabled by an admin) while the page was open. The cached `auth.me` answer is
 * marked stale so the next page asks again, and the person goes to the sign-in page, which brings
 * them back to where they were. On the sign-in page itself an UNAUTHORIZED is a wrong password,
 * which that page explains.
 */
export function createSessionExpiryHandler({
  router,
  queryClient,
  trpc,
}: {
  router: FleetdeckRouter;
  queryClient: QueryClient;
  trpc: FleetdeckTrpc;
}) {
  return () => {
    // The location being shown or, during a navigation, the one being opened.
    const location = router.latestLocation;
    if (location.pathname === loginPath) return;
    void queryClient.invalidateQueries(trpc.auth.me.queryFilter());
    void router.navigate({ to: "/login", search: { redirect: location.href } });
  };
}
