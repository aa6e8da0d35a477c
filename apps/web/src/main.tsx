import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createSessionExpiryHandler } from "./features/session/session-expiry.ts";
import { createQueryClient } from "./lib/query-client.ts";
import { initTheme } from "./lib/theme-store.ts";
import { createFleetdeckTrpcClient, createFleetdeckTrpcOptions, TRPCProvider } from "./lib/trpc.ts";
import { createAppRouter } from "./router.ts";
import "./styles/index.css";

initTheme();

// The cache reports UNAUTHORIZED answers to the session-expiry handler, which needs the router,
// which needs the cache: the handler is looked up when an answer arrives, after all are built.
const queryClient = createQueryClient({ onUnauthorized: () => onSessionExpired() });
const trpcClient = createFleetdeckTrpcClient();
const trpc = createFleetdeckTrpcOptions(trpcClient, queryClient);
const router = createAppRouter({ queryClient, trpc });
const onSessionExpired = createSessionExpiryHandler({ router, queryClient, trpc });

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("index.html has no #root element");

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
