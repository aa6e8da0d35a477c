import type { AppRouter } from "@fleetdeck/server/router";
import type { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from "@trpc/client";
import { createTRPCContext, createTRPCOptionsProxy, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";

/** Same origin in production (the BFF serves the SPA) and in dev (Vite proxies /trpc). */
const trpcUrl = "/trpc";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Query options and keys for every procedure, as `useTRPC()` gives them inside React. */
export type FleetdeckTrpc = TRPCOptionsProxy<AppRouter>;

/** Subscriptions go over SSE (httpSubscriptionLink), everything else is batched over HTTP. */
export function createFleetdeckTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: trpcUrl }),
        false: httpBatchLink({ url: trpcUrl, maxItems: 10 }),
      }),
    ],
  });
}

/** The same options proxy outside React, for the router's `beforeLoad` and the QueryClient's hooks. */
export function createFleetdeckTrpcOptions(trpcClient: TRPCClient<AppRouter>, queryClient: QueryClient): FleetdeckTrpc {
  return createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
}
