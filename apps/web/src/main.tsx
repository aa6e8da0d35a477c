import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createQueryClient } from "./lib/query-client.ts";
import { initTheme } from "./lib/theme-store.ts";
import { createFleetdeckTrpcClient, TRPCProvider } from "./lib/trpc.ts";
import { createAppRouter } from "./router.ts";
import "./styles/index.css";

initTheme();

const queryClient = createQueryClient();
const trpcClient = createFleetdeckTrpcClient();
const router = createAppRouter();

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
