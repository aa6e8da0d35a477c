import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";

export type ApiToken = RouterOutputs["apiTokens"]["listMine"][number];
export type ApiTokenWithOwner = RouterOutputs["apiTokens"]["listAll"][number];
export type CreatedApiToken = RouterOutputs["apiTokens"]["create"];

/** The signed-in user's own tokens: list, create (the secret comes back once), revoke. */
export function useMyApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.apiTokens.listMine.queryFilter());
    await queryClient.invalidateQueries(trpc.apiTokens.listAll.queryFilter());
  };
  return {
    tokens: useQuery(trpc.apiTokens.listMine.queryOptions()),
    create: useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: refresh })),
    revoke: useMutation(trpc.apiTokens.revokeMine.mutationOptions({ onSuccess: refresh })),
  };
}

/** Everyone's tokens, for an admin, who may revoke any of them. */
export function useAllApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.apiTokens.listAll.queryFilter());
    await queryClient.invalidateQueries(trpc.apiTokens.listMine.queryFilter());
  };
  return {
    tokens: useQuery(trpc.apiTokens.listAll.queryOptions()),
    revoke: useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: refresh })),
  };
}
