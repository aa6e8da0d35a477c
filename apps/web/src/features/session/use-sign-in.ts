import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { sessionQueryOptions } from "./session-query.ts";

/**
 * `auth.login`, then the page the person was sent here from. Whatever was cached belonged to the
 * previous session (perhaps another user's), so it is dropped and the new session's user becomes
 * the answer of `auth.me` without asking again.
 */
export function useSignIn(afterLoginPath: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ user }) => {
        queryClient.removeQueries();
        queryClient.setQueryData(sessionQueryOptions(trpc).queryKey, { user });
        await navigate({ href: afterLoginPath, replace: true });
      },
    }),
  );
}
