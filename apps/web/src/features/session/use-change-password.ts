import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { sessionQueryOptions } from "./session-query.ts";

/**
 * `auth.changePassword`. The answer is the signed-in user as they are now (no longer required to
 * change their password), which becomes the cached `auth.me` answer so the session gate lets them on.
 */
export function useChangePassword(onChanged: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.setQueryData(sessionQueryOptions(trpc).queryKey, { user });
        onChanged();
      },
    }),
  );
}
