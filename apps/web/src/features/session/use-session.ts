import { useQuery } from "@tanstack/react-query";
import type { Permission, SessionUser } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { sessionQueryOptions } from "./session-query.ts";

/** The signed-in user, as `auth.me` last answered; null while signed out or not yet known. */
export function useSignedInUser(): SessionUser | null {
  const trpc = useTRPC();
  return useQuery(sessionQueryOptions(trpc)).data?.user ?? null;
}

/**
 * Whether the signed-in user may do what needs this permission, to hide controls they cannot use.
 * Only a courtesy: the server refuses the call anyway (FORBIDDEN).
 */
export function usePermission(permission: Permission): boolean {
  return useSignedInUser()?.permissions.includes(permission) ?? false;
}
