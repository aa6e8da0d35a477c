import type { AppRouter } from "@fleetdeck/server/router";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

/** Same origin in production (the BFF serves the SPA) and in dev (Vite proxies /trpc). */
const trpcUrl = "/trpc";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

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
