import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * `auth.logout` (the server revokes the session and clears the cookie), then the sign-in page. The
 * cache is cleared after leaving the console's pages, so none of them refetches as signed out.
 */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        await navigate({ to: "/login" });
        queryClient.clear();
      },
    }),
  );
}
