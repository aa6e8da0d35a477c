import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyServerOptions } from "fastify";
import { registerAuditExportRoute } from "../audit/audit-export-route.ts";
import { registerOidcRoutes } from "../auth/oidc-routes.ts";
import { registerDemoMetricsRoutes } from "../demo/demo-metrics-routes.ts";
import { registerHealthRoutes } from "../health/health-routes.ts";
import { registerProfileRoutes } from "../profiles/profile-routes.ts";
import type { ServerServices } from "../services.ts";
import { createContextFactory } from "../trpc/context.ts";
import { type AppRouter, appRouter } from "../trpc/root.ts";
import { registerOriginCheck } from "./origin-check.ts";

export interface AppOptions {
  services: ServerServices;
  /** The built SPA (apps/web/dist); null serves the API only. */
  webDir: string | null;
  logger: FastifyServerOptions["logger"];
}

/**
 * Wires HTTP: tRPC at /trpc, single sign-on redirects at /auth/oidc, health, the server's own
 * /metrics, and the SPA with history fallback.
 */
export async function buildApp({ services, webDir, logger }: AppOptions) {
  const app = Fastify({
    logger,
    // tRPC batches many calls into one URL; the default 100-character limit is too tight.
    routerOptions: { maxParamLength: 5_000 },
    requestIdHeader: "x-request-id",
    bodyLimit: 1024 * 1024,
    // Live subscriptions hold connections open; closing must not wait for them.
    forceCloseConnections: true,
  });

  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: contentSecurityPolicy } });
  registerOriginCheck(app);
  await app.register(fastifyCookie);

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: createContextFactory(services),
      onError({ path, error, ctx }) {
        if (error.code === "INTERNAL_SERVER_ERROR") ctx?.log.error({ err: error, procedure: path }, "procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  registerHealthRoutes(app, services);
  registerOidcRoutes(app, services);
  registerAuditExportRoute(app, services);
  registerProfileRoutes(app, services);
  registerDemoMetricsRoutes(app, services);

  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", services.metrics.registry.contentType);
    return services.metrics.registry.metrics();
  });

  if (webDir !== null) {
    if (!existsSync(path.join(webDir, "index.html"))) {
      throw new Error(`the web app is not built: ${path.join(webDir, "index.html")} is missing (run \`pnpm build\`)`);
    }
    // wildcard: files are looked up per request, so a rebuilt web app needs no restart.
    await app.register(fastifyStatic, { root: path.resolve(webDir), wildcard: true });
    // Deep links such as /services/checkout are routes of the SPA: answer them with index.html.
    app.setNotFoundHandler((request, reply) => {
      // Machine routes (tRPC, downloads, sign-in callbacks) answer 404 as data, never the app's page.
      const machineRoute = /^\/(trpc|api|auth)([/?]|$)/.test(request.url);
      const wantsPage = request.method === "GET" && !machineRoute && !path.extname(request.url.split("?")[0] ?? "");
      if (wantsPage) return reply.type("text/html").sendFile("index.html");
      return reply.code(404).send({ error: "not found", path: request.url });
    });
  }

  return app;
}

/**
 * Scripts only from our own origin (Vite emits no inline scripts); inline styles are allowed
 * because charts set style attributes. No framing (clickjacking), no plugins, and no
 * upgrade-insecure-requests: the console is often reached over plain HTTP on a private address,
 * with TLS terminated in front of it.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};
