export * from "./actuators/config-actuator.ts";
export { AgentStatus } from "./actuators/config-centre-values.ts";
export {
  ConfigCentreValueError,
  createEtcdConfigActuator,
  type EtcdConfigActuator,
  type EtcdConfigActuatorOptions,
  type EtcdInstanceConfigState,
} from "./actuators/etcd-config-actuator.ts";
export { EtcdRequestError } from "./actuators/etcd-gateway-client.ts";
export * from "./clock.ts";
export type { ClusterInventory, ClusterSource } from "./cluster-source.ts";
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
export {
  createDemoPprofHandler,
  type DemoPprofRequest,
  type DemoPprofResponse,
} from "./demo/demo-pprof-handler.ts";
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
export {
  createEtcdClusterSource,
  EtcdClusterSource,
  type EtcdClusterSourceOptions,
} from "./etcd/etcd-cluster-source.ts";
export { EtcdClusterSourceConfig, type EtcdClusterSourceConfigInput } from "./etcd/etcd-cluster-source-config.ts";
export * from "./fleet-source.ts";
export {
  createKubernetesSource,
  KubernetesSource,
  type KubernetesSourceOptions,
} from "./kubernetes/kubernetes-source.ts";
export {
  KubernetesSourceConfig,
  type KubernetesSourceConfigInput,
} from "./kubernetes/kubernetes-source-config.ts";
export {
  fetchPprofProfile,
  type PprofFetchRequest,
  pprofProfileUrl,
} from "./profiles/fetch-pprof-profile.ts";
export {
  type CaptureTarget,
  ProfileCaptureCancelled,
  ProfileCaptureError,
} from "./profiles/profile-capture-errors.ts";
export { pprofUrlLabel } from "./prometheus/discover-instances.ts";
export { combinedGcQueryText, gcQueryKeys, gcQueryText } from "./prometheus/gc-queries.ts";
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
