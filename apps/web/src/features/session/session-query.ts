import type { QueryClient } from "@tanstack/react-query";
import { type ParsedLocation, redirect } from "@tanstack/react-router";
import type { SessionUser } from "../../lib/api-types.ts";
import type { FleetdeckTrpc } from "../../lib/trpc.ts";

/**
 * How long an answer of `auth.me` is trusted: a navigation after that asks the server again. A
 * session that ends sooner is noticed by the first call answered UNAUTHORIZED (session-expiry.ts).
 */
const sessionTrustedMs = 30_000;

/** `auth.me` as every reader asks for it, so the gate and the header share one cached answer. */
export function sessionQueryOptions(trpc: FleetdeckTrpc) {
  return trpc.auth.me.queryOptions(undefined, { staleTime: sessionTrustedMs });
}

export interface SessionCheckContext {
  queryClient: QueryClient;
  trpc: FleetdeckTrpc;
}

/**
 * The `beforeLoad` of every page but the sign-in page: without a signed-in user, go to the sign-in
 * page, which brings the person back here (path and search) afterwards.
 */
export async function requireSignedInUser({
  context,
  location,
}: {
  context: SessionCheckContext;
  location: ParsedLocation;
}): Promise<{ user: SessionUser }> {
  const { user } = await context.queryClient.query(sessionQueryOptions(context.trpc));
  if (user === null) throw redirect({ to: "/login", search: { redirect: location.href } });
  return { user };
}
