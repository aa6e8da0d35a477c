import type { PrometheusSourceConfigInput } from "../prometheus/prometheus-source-config.ts";
import { type StartedEtcd, startEtcd } from "./start-etcd.ts";
import { buildGoAgent, type StartedGoAgent, startGoAgent } from "./start-go-agent.ts";
import { type StartedPrometheus, startPrometheus } from "./start-prometheus.ts";

/** One agent of the fleet and where its scrape target places it. */
export interface AgentFleetInstance {
  instance: string;
  region: string;
  cluster: string;
}

export interface StartAgentFleetOptions {
  service: string;
  instances: readonly AgentFleetInstance[];
  /** Bytes/s of each agent's synthetic allocation workload, so its GC metrics move. */
  allocRate: number;
  /** Bytes each agent's workload keeps reachable. */
  liveHeap: number;
  /** Environment every agent starts with, e.g. GOGC and GOMEMLIMIT. */
  env?: Record<string, string>;
  /** Prometheus's scrape interval; 1 s when absent, so rates are readable after a few seconds. */
  scrapeIntervalSeconds?: number;
  /** Prometheus also scrapes itself as job "prometheus": a Go service with no agent beside it. */
  scrapeSelf?: boolean;
}

export interface StartedAgentFleet {
  etcd: StartedEtcd;
  prometheus: StartedPrometheus;
  agents: StartedGoAgent[];
  agent(instance: string): StartedGoAgent;
  /**
   * A Prometheus source reading this fleet, with the label names its scrape targets carry, and
   * with etcd as its config centre unless `readOnly`; `matchers` narrow it to some jobs.
   */
  sourceConfig(id: string, options?: { matchers?: string[]; readOnly?: boolean }): PrometheusSourceConfigInput;
  /** Stops Prometheus, the agents and etcd, and removes their directories. */
  stop(): Promise<void>;
}

/** The target labels the fleet's scrape configs set, as a Prometheus source's `labels` names them. */
const fleetLabels = { region: "region", cluster: "cluster", service: "job", instance: "instance" } as const;

/**
 * A service run by real processes: etcd as the config centre, one fleetdeck-agent per instance
 * (each with a synthetic workload), and Prometheus scraping the agents with one static target per
 * agent whose labels set the instance name, job = the service, region and cluster. A process that
 * fails to start stops the ones already running.
 */
export async function startAgentFleet(options: StartAgentFleetOptions): Promise<StartedAgentFleet> {
  const running: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const started of running.reverse()) await started.stop();
  };
  try {
    const [etcd] = await Promise.all([startEtcd(), buildGoAgent()]);
    running.push(etcd);
    const agents = await Promise.all(
      options.instances.map(async ({ instance }) => {
        const agent = await startGoAgent({
          etcdUrl: etcd.clientUrl,
          service: options.service,
          instance,
          allocRate: options.allocRate,
          liveHeap: options.liveHeap,
          ...(options.env ? { env: options.env } : {}),
        });
        running.push(agent);
        return agent;
      }),
    );
    const prometheus = await startPrometheus({
      scrapeIntervalSeconds: options.scrapeIntervalSeconds ?? 1,
      scrapeSelf: options.scrapeSelf ?? false,
      scrapeConfigs: [
        {
          job_name: options.service,
          static_configs: options.instances.map(({ instance, region, cluster }, index) => ({
            targets: [new URL(agents[index]!.url).host],
            labels: { instance, region, cluster },
          })),
        },
      ],
    });
    running.push(prometheus);
    const byInstance = new Map(agents.map((agent) => [agent.instance, agent]));
    return {
      etcd,
      prometheus,
      agents,
      agent: (instance) => {
        const agent = byInstance.get(instance);
        if (!agent) throw new Error(`the fleet has no agent "${instance}"`);
        return agent;
      },
      sourceConfig: (id, sourceOptions = {}) => ({
        id,
        kind: "prometheus",
        url: prometheus.url,
        scrapeIntervalSeconds: prometheus.scrapeIntervalSeconds,
        labels: { ...fleetLabels },
        matchers: sourceOptions.matchers ?? [`job="${options.service}"`],
        ...(sourceOptions.readOnly ? {} : { configCentre: { kind: "etcd" as const, endpoints: [etcd.clientUrl] } }),
      }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
