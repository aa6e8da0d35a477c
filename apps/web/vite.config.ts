import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The BFF the dev server forwards API calls to (`pnpm fleetdeck serve` listens here by default). */
const apiTarget = "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": { target: apiTarget, changeOrigin: false },
      "/api": { target: apiTarget, changeOrigin: false },
      // Single sign-on's browser redirects (/auth/oidc/start and its callback).
      "/auth": { target: apiTarget, changeOrigin: false },
      "/healthz": apiTarget,
      "/readyz": apiTarget,
      "/metrics": apiTarget,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
});
