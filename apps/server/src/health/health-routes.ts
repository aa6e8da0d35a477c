import type { FastifyInstance } from "fastify";
import type { ServerServices } from "../services.ts";

interface ReadinessCheck {
  name: string;
  ok: boolean;
  error: string | null;
}

/**
 * /healthz says the process serves requests; /readyz says whether it can do its job: the database
 * and every configured source answer. A load balancer takes a replica out on a 503 from /readyz.
 */
export function registerHealthRoutes(app: FastifyInstance, services: ServerServices) {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    const checks: ReadinessCheck[] = [await check("database", () => services.db.ping())];
    for (const source of services.sources.sources) {
      checks.push(await check(`source:${source.id}`, () => services.sources.call(source, "ping", (s) => s.ping())));
    }
    const ready = checks.every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks });
  });
}

async function check(name: string, probe: () => Promise<unknown>): Promise<ReadinessCheck> {
  try {
    await probe();
    return { name, ok: true, error: null };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
