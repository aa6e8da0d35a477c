import { rolesAllow } from "@fleetdeck/core";
import { createDemoMetricsHandler, createDemoPprofHandler, demoServiceDiscovery } from "@fleetdeck/sources";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerServices } from "../services.ts";
import { identityOfRequest } from "../trpc/context.ts";

export const demoMetricsPathPrefix = "/demo/metrics/";
export const demoTargetsPath = "/demo/targets";
export const demoPprofPathPrefix = "/demo/pprof/";

/** A Host header as a scrape target: name or address, optional port; nothing that could break the JSON's meaning. */
const hostHeader = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The demo fleet as a real Prometheus sees services: `GET /demo/metrics/:instanceId` is one
 * instance's /metrics (text format), `GET /demo/pprof/:instanceId/:name` its net/http/pprof
 * (profile?seconds=N, heap, allocs, goroutine, mutex, block), `GET /demo/targets` lists every
 * instance for http_sd_configs, at the address the request came to, with the pprof URL as the
 * fleetdeck_pprof_url label. All need the "read" permission, shown
 * with the session cookie or an API token as a Bearer token (Prometheus' `authorization`
 * setting), and answer 404 when the demo fleet is not a configured source.
 */
export function registerDemoMetricsRoutes(
  app: FastifyInstance,
  services: Pick<ServerServices, "demo" | "apiTokens" | "sessions">,
) {
  const { demo } = services;
  const metricsOf = createDemoMetricsHandler(demo.source, demo.clock);
  const pprofOf = createDemoPprofHandler(demo.source);

  /** Answers the refusal and returns false unless the request may read the demo fleet. */
  async function admit(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    reply.header("cache-control", "no-store");
    const identity = await identityOfRequest(services, request);
    if (!identity) {
      await reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="fleetdeck"')
        .send({ error: "sign in first", detail: "send the session cookie or an API token as a Bearer token" });
      return false;
    }
    if (!rolesAllow(identity.roles, "read")) {
      await reply.code(403).send({
        error: "forbidden",
        detail: `the demo fleet's metrics need the "read" permission, which roles [${identity.roles.join(", ")}] do not grant`,
      });
      return false;
    }
    if (!demo.declared) {
      await reply.code(404).send({ error: "not found", detail: "the demo fleet is not one of the configured sources" });
      return false;
    }
    return true;
  }

  app.get<{ Params: { instanceId: string } }>(`${demoMetricsPathPrefix}:instanceId`, async (request, reply) => {
    if (!(await admit(request, reply))) return reply;
    const answer = await metricsOf(request.params.instanceId);
    return reply.code(answer.status).type(answer.contentType).send(answer.body);
  });

  app.get<{ Params: { instanceId: string; profileName: string }; Querystring: { seconds?: unknown } }>(
    `${demoPprofPathPrefix}:instanceId/:profileName`,
    async (request, reply) => {
      if (!(await admit(request, reply))) return reply;
      // A CPU capture runs for seconds: stop it when the client hangs up.
      const gone = new AbortController();
      reply.raw.on("close", () => gone.abort());
      const { seconds } = request.query;
      const answer = await pprofOf({
        instanceId: request.params.instanceId,
        profileName: request.params.profileName,
        seconds: seconds === undefined ? undefined : String(seconds),
        signal: gone.signal,
      });
      const body = typeof answer.body === "string" ? answer.body : Buffer.from(answer.body);
      return reply.code(answer.status).headers(answer.headers).type(answer.contentType).send(body);
    },
  );

  app.get(demoTargetsPath, async (request, reply) => {
    if (!(await admit(request, reply))) return reply;
    const host = request.headers.host ?? "";
    if (!hostHeader.test(host)) {
      return reply.code(400).send({ error: "bad request", detail: `the Host header "${host}" is not a host[:port]` });
    }
    const inventory = await demo.source.inventory();
    return reply.send(
      demoServiceDiscovery(inventory, {
        address: host,
        metricsPathPrefix: demoMetricsPathPrefix,
        pprofUrlPrefix: `${request.protocol}://${host}${demoPprofPathPrefix}`,
      }),
    );
  });
}
