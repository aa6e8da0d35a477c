export * from "./clock.ts";
export { readSourcesConfig } from "./config/read-sources-config.ts";
export {
  DemoSourceConfig,
  defaultSourcesConfig,
  parseSourcesConfig,
  SourceConfig,
  SourcesConfig,
  SourcesConfigError,
} from "./config/sources-config.ts";
export { DemoConfigEvent } from "./demo/config-history.ts";
export { createDemoFleet, DemoFleet, type DemoFleetHistory, type DemoFleetOptions } from "./demo/demo-fleet.ts";
export { type GoRuntimeCounters, type GoRuntimeExposition, renderGoRuntimeExposition } from "./demo/exposition.ts";
export {
  createDemoMetricsHandler,
  type DemoMetricsOptions,
  type DemoMetricsResponse,
} from "./demo/exposition-handler.ts";
export {
  DemoFault,
  DemoFaultKind,
  DemoFaultRequest,
  DemoFaultTarget,
  defaultFaultSeverity,
  isFaultActiveAt,
} from "./demo/faults.ts";
export { DemoFleetShape, generateDemoFleet, maxDemoInstances } from "./demo/generate-fleet.ts";
export type { GeneratedDemoFleet, InstanceWorkload, ServiceCall } from "./demo/generated-fleet.ts";
export { maxSeriesPoints, minSeriesStepMs } from "./demo/series-timestamps.ts";
export {
  type DemoServiceDiscoveryOptions,
  demoServiceDiscovery,
  type HttpSdTargetGroup,
} from "./demo/service-discovery.ts";
export * from "./fleet-source.ts";
export { gcQueryKeys, gcQueryText } from "./prometheus/gc-queries.ts";
export { PrometheusApiError, type PrometheusFailure } from "./prometheus/prometheus-api-error.ts";
export {
  PrometheusSource,
  type PrometheusSourceOptions,
  prometheusGcMetricNames,
} from "./prometheus/prometheus-source.ts";
export {
  PrometheusLabelNames,
  PrometheusSourceConfig,
  type PrometheusSourceConfigInput,
} from "./prometheus/prometheus-source-config.ts";
