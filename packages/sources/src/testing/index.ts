export { type EtcdLoadOptions, putLoad } from "./etcd-load.ts";
export { freePort } from "./free-port.ts";
export { scrapeMetrics } from "./scrape-metrics.ts";
export { type ServedDemoMetrics, serveDemoMetrics } from "./serve-demo-metrics.ts";
export {
  type AgentFleetInstance,
  type StartAgentFleetOptions,
  type StartedAgentFleet,
  startAgentFleet,
} from "./start-agent-fleet.ts";
export { type StartEtcdOptions, type StartedEtcd, startEtcd } from "./start-etcd.ts";
export {
  type EtcdClusterMember,
  type StartEtcdClusterOptions,
  type StartedEtcdCluster,
  startEtcdCluster,
} from "./start-etcd-cluster.ts";
export { buildGoAgent, type StartedGoAgent, type StartGoAgentOptions, startGoAgent } from "./start-go-agent.ts";
export {
  type ScrapeConfig,
  type StartedPrometheus,
  type StartPrometheusOptions,
  startPrometheus,
} from "./start-prometheus.ts";
