import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * `auth.logout` (the server revokes the session and clears the cookie), then the sign-in page. A
 * session opened with single sign-on is also ended at the identity provider: the browser goes to
 * the provider's end-session URL, which brings it back to the sign-in page. The cache is cleared
 * after leaving the console's pages, so none of them refetches as signed out.
 */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async ({ endSessionUrl }) => {
        if (endSessionUrl !== null && isWebAddress(endSessionUrl)) {
          queryClient.clear();
          window.location.assign(endSessionUrl);
          return;
        }
        await navigate({ to: "/login" });
        queryClient.clear();
      },
    }),
  );
}

/** Only ever leave for an http(s) page, whatever the answer says. */
function isWebAddress(url: string): boolean {
  return URL.canParse(url) && ["http:", "https:"].includes(new URL(url).protocol);
}
