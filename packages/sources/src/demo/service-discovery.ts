import type { Inventory } from "@fleetdeck/core";
import { pprofUrlLabel } from "../prometheus/discover-instances.ts";
import { PrometheusLabelNames } from "../prometheus/prometheus-source-config.ts";

/** One entry of a Prometheus http_sd_configs answer. */
export interface HttpSdTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export interface DemoServiceDiscoveryOptions {
  /** host:port where the console serves the demo's metrics; every instance is scraped there. */
  address: string;
  /** The instance id is appended: /demo/metrics/<id>. */
  metricsPathPrefix?: string;
  /**
   * Where the console serves each instance's pprof, e.g. http://console:8080/demo/pprof/: with
   * the instance id appended it becomes the fleetdeck_pprof_url label, which the Prometheus
   * source captures profiles from. No label when absent.
   */
  pprofUrlPrefix?: string;
  /** Label names to place instances by; the Prometheus source's defaults unless given. */
  labels?: Partial<PrometheusLabelNames>;
}

/**
 * The demo fleet as Prometheus targets (http_sd_configs): one group per instance, all at the
 * console's address, told apart by __metrics_path__ and an explicit `instance` label. The
 * placement labels use the names the Prometheus source reads by default, so a Prometheus
 * scraping the demo is read back without extra configuration. `job` is the service: Prometheus
 * keeps a job label that discovery set instead of the scrape config's job_name.
 */
export function demoServiceDiscovery(inventory: Inventory, options: DemoServiceDiscoveryOptions): HttpSdTargetGroup[] {
  const names = PrometheusLabelNames.parse(options.labels ?? {});
  const prefix = options.metricsPathPrefix ?? "/demo/metrics/";
  return inventory.instances.map((instance) => ({
    targets: [options.address],
    labels: {
      __metrics_path__: `${prefix}${encodeURIComponent(instance.id)}`,
      [names.instance]: instance.id,
      [names.service]: instance.serviceId,
      [names.region]: instance.regionId,
      [names.zone]: instance.zoneId,
      [names.cluster]: instance.clusterId,
      [names.node]: instance.nodeId,
      ...(options.pprofUrlPrefix
        ? { [pprofUrlLabel]: `${options.pprofUrlPrefix}${encodeURIComponent(instance.id)}` }
        : {}),
    },
  }));
}
