import { createServer } from "node:http";
import type { Inventory } from "@fleetdeck/core";
import type { DemoFleet } from "../demo/demo-fleet.ts";
import { createDemoPprofHandler } from "../demo/demo-pprof-handler.ts";
import { createDemoMetricsHandler, type DemoMetricsOptions } from "../demo/exposition-handler.ts";
import { demoServiceDiscovery } from "../demo/service-discovery.ts";
import type { Clock } from "../fleet-source.ts";

export interface ServedDemoMetrics {
  /** host:port */
  address: string;
  /** The http_sd_configs URL listing the served instances. */
  serviceDiscoveryUrl: string;
  stop(): Promise<void>;
}

const metricsPathPrefix = "/demo/metrics/";
const pprofPathPrefix = "/demo/pprof/";

/**
 * A tiny node:http server with the demo fleet's /demo/metrics/<id>, /demo/pprof/<id>/<name> and
 * an http_sd document at /demo/targets (labelled with the pprof URLs), for a real Prometheus to
 * scrape in tests. `only` limits the instances listed.
 */
export async function serveDemoMetrics(
  fleet: DemoFleet,
  clock: Clock,
  options: DemoMetricsOptions & { only?: readonly string[] } = {},
): Promise<ServedDemoMetrics> {
  const metricsOf = createDemoMetricsHandler(fleet, clock, options);
  const pprofOf = createDemoPprofHandler(fleet);
  const inventory = await fleet.inventory();
  const listed: Inventory = options.only
    ? { ...inventory, instances: inventory.instances.filter((instance) => options.only?.includes(instance.id)) }
    : inventory;
  let address = "";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname;
    const send = (status: number, contentType: string, body: string | Uint8Array, headers = {}) => {
      response.writeHead(status, { "content-type": contentType, ...headers });
      response.end(body);
    };
    if (path === "/demo/targets") {
      const pprofUrlPrefix = `http://${address}${pprofPathPrefix}`;
      send(
        200,
        "application/json",
        JSON.stringify(demoServiceDiscovery(listed, { address, metricsPathPrefix, pprofUrlPrefix })),
      );
    } else if (path.startsWith(pprofPathPrefix)) {
      const [instanceId = "", profileName = ""] = path.slice(pprofPathPrefix.length).split("/").map(decodeURIComponent);
      const gone = new AbortController();
      response.on("close", () => gone.abort());
      const seconds = url.searchParams.get("seconds") ?? undefined;
      void pprofOf({ instanceId, profileName, seconds, signal: gone.signal }).then((answer) =>
        send(answer.status, answer.contentType, answer.body, answer.headers),
      );
    } else if (path.startsWith(metricsPathPrefix)) {
      const instanceId = decodeURIComponent(path.slice(metricsPathPrefix.length));
      void metricsOf(instanceId).then((answer) => send(answer.status, answer.contentType, answer.body));
    } else {
      send(404, "text/plain", "not found\n");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const bound = server.address();
  if (!bound || typeof bound !== "object") throw new Error("the demo metrics server has no address");
  address = `127.0.0.1:${bound.port}`;
  return {
    address,
    serviceDiscoveryUrl: `http://${address}/demo/targets`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
