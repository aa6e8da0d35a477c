import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";

export type UserAccount = RouterOutputs["users"]["list"][number];

/**
 * The accounts and what an admin may do to them. Each change refreshes the list; disabling also
 * refreshes the token list, whose owner's tokens then stop working.
 */
export function useUsers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.users.list.queryFilter());
    await queryClient.invalidateQueries(trpc.apiTokens.listAll.queryFilter());
  };
  const options = { onSuccess: refresh };

  return {
    users: useQuery(trpc.users.list.queryOptions()),
    create: useMutation(trpc.users.create.mutationOptions(options)),
    setRoles: useMutation(trpc.users.setRoles.mutationOptions(options)),
    // One procedure, two mutations: a failed enable must not show as a failed disable.
    disable: useMutation(trpc.users.setDisabled.mutationOptions(options)),
    enable: useMutation(trpc.users.setDisabled.mutationOptions(options)),
    resetPassword: useMutation(trpc.users.resetPassword.mutationOptions(options)),
  };
}
