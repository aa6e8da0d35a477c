import type { ClusterDetail } from "@fleetdeck/core";
import { systemClock } from "../clock.ts";
import type { ClusterInventory, ClusterSource } from "../cluster-source.ts";
import type { Clock } from "../fleet-source.ts";
import { agreedLeader, foldEtcdClusterDetail } from "./etcd-cluster-detail.ts";
import { foldEtcdClusterInventory } from "./etcd-cluster-inventory.ts";
import type { EtcdClusterSourceConfig } from "./etcd-cluster-source-config.ts";
import type { EtcdClusterPlace } from "./etcd-entity-ids.ts";
import { createEtcdClusterReader, type EtcdClusterReader, type EtcdClusterReading } from "./read-etcd-cluster.ts";

export interface EtcdClusterSourceOptions {
  /** Stamps each detail's readAtMs. */
  clock?: Clock;
}

/**
 * An etcd cluster as its members describe it over the v3 JSON gateway: who is a member, who
 * answers, who leads in which term, and what each member's /metrics says about leadership.
 */
export class EtcdClusterSource implements ClusterSource {
  readonly kind = "etcd";
  readonly id: string;
  private readonly place: EtcdClusterPlace;
  private readonly reader: EtcdClusterReader;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private pending: Promise<{ reading: EtcdClusterReading; readAtMs: number }> | null = null;
  private readonly stopWatches = new Set<() => void>();

  constructor(config: EtcdClusterSourceConfig, options: EtcdClusterSourceOptions = {}) {
    this.id = config.id;
    this.place = {
      sourceId: config.id,
      clusterId: config.id,
      clusterName: config.name ?? config.id,
      regionId: config.region,
      zoneId: config.zone ?? `${config.region}-a`,
    };
    this.reader = createEtcdClusterReader({
      clusterName: this.place.clusterName,
      endpoints: config.endpoints,
      timeoutMs: config.timeoutMs,
    });
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = config.pollIntervalMs;
  }

  async inventory(): Promise<ClusterInventory> {
    const { reading } = await this.read();
    return foldEtcdClusterInventory(reading, this.place);
  }

  async clusterDetails(): Promise<ClusterDetail[]> {
    const { reading, readAtMs } = await this.read();
    return [foldEtcdClusterDetail(reading, this.place, readAtMs)];
  }

  /** Polls the cluster and calls onChange when its leader, raft term or set of up members changes. */
  watch(onChange: () => void): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let last: string | undefined;
    const poll = async () => {
      let state: string;
      try {
        state = watchedState((await this.read()).reading);
      } catch (error) {
        state = `unreachable: ${(error as Error).message}`;
      }
      if (stopped) return;
      if (last !== undefined && state !== last) {
        try {
          onChange();
        } catch {
          // The listener's failure is its own to report; polling goes on.
        }
      }
      last = state;
      timer = setTimeout(poll, this.pollIntervalMs);
      timer.unref();
    };
    void poll();
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      this.stopWatches.delete(stop);
    };
    this.stopWatches.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    for (const stop of [...this.stopWatches]) stop();
  }

  /** One reading at a time: callers that ask while one is under way share it. */
  private read(): Promise<{ reading: EtcdClusterReading; readAtMs: number }> {
    if (!this.pending) {
      const readAtMs = this.clock.nowMs();
      this.pending = this.reader
        .read()
        .then((reading) => ({ reading, readAtMs }))
        .finally(() => {
          this.pending = null;
        });
    }
    return this.pending;
  }
}

/** What a watcher is told about: the agreed leader, the term and which members answer. */
function watchedState(reading: EtcdClusterReading): string {
  const answering = reading.members.flatMap((member) => (member.status ? [member.status] : []));
  return JSON.stringify({
    ...agreedLeader(answering),
    up: reading.members.flatMap((member) => (member.status ? [member.member.memberId] : [])).sort(),
  });
}

export function createEtcdClusterSource(
  config: EtcdClusterSourceConfig,
  options: EtcdClusterSourceOptions = {},
): ClusterSource {
  return new EtcdClusterSource(config, options);
}
