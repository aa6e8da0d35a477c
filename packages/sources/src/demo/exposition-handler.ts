import type { Clock } from "../fleet-source.ts";
import type { DemoFleet } from "./demo-fleet.ts";
import { renderGoRuntimeExposition } from "./exposition.ts";
import { DemoCounterIntegrator } from "./exposition-counters.ts";

export interface DemoMetricsResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface DemoMetricsOptions {
  /** Grid of the counters' integral in demo time; see DemoCounterIntegrator. */
  integrationStepMs?: number;
}

const textFormat = "text/plain; version=0.0.4; charset=utf-8";

/**
 * Serves each demo instance's /metrics, framework-neutral: the server maps a route such as
 * /demo/metrics/:instanceId to it. Every instance counts as started when the handler was made.
 * An unknown instance is a 404; a demo outage a 503, which Prometheus records as a failed scrape.
 */
export function createDemoMetricsHandler(
  fleet: DemoFleet,
  clock: Clock,
  options: DemoMetricsOptions = {},
): (instanceId: string) => Promise<DemoMetricsResponse> {
  const integrator = new DemoCounterIntegrator(clock.nowMs(), options.integrationStepMs ?? 1_000, (id, range) =>
    fleet.gcSeries(id, range),
  );
  const processStartTimeSeconds = integrator.processStartMs / 1000;
  // The demo inventory never changes: one lookup table, built on the first scrape.
  let goVersions: Map<string, string> | null = null;
  return async (instanceId) => {
    const nowMs = clock.nowMs();
    try {
      goVersions ??= new Map((await fleet.inventory()).instances.map((instance) => [instance.id, instance.goVersion]));
      const goVersion = goVersions.get(instanceId);
      if (goVersion === undefined) return plain(404, `no demo instance "${instanceId}"\n`);
      const [sample] = await fleet.gcSnapshot(nowMs, [instanceId]);
      if (!sample) throw new Error(`the demo fleet returned no sample of "${instanceId}"`);
      const counters = await integrator.countersAt(instanceId, nowMs);
      const body = renderGoRuntimeExposition({
        sample,
        goVersion,
        processStartTimeSeconds,
        counters,
        stampSamples: true,
      });
      return { status: 200, contentType: textFormat, body };
    } catch (error) {
      return plain(503, `${(error as Error).message}\n`);
    }
  };
}

function plain(status: number, body: string): DemoMetricsResponse {
  return { status, contentType: "text/plain; charset=utf-8", body };
}
