import { readFile } from "node:fs/promises";
import type { ClusterDetail } from "@fleetdeck/core";
import { systemClock } from "../clock.ts";
import type { ClusterInventory, ClusterSource } from "../cluster-source.ts";
import type { Clock } from "../fleet-source.ts";
import type { BackoffPolicy } from "../prometheus/retry-backoff.ts";
import { buildKubernetesClusterDetail } from "./kubernetes-cluster-detail.ts";
import { createContextWatch, type KubernetesContextWatch } from "./kubernetes-context-watch.ts";
import { clusterIdOf } from "./kubernetes-ids.ts";
import { buildKubernetesInventory } from "./kubernetes-inventory.ts";
import { KubernetesSourceConfig, type KubernetesSourceConfigInput } from "./kubernetes-source-config.ts";
import { defaultServiceLabels } from "./pod-instances.ts";

export interface KubernetesSourceOptions {
  clock?: Clock;
  /** How retries after a failed LIST or WATCH are spaced. */
  backoff?: BackoffPolicy;
  /** Objects per LIST page (the `limit` query); client-go's pager also asks for 500. */
  listPageSize?: number;
  /** How long the server keeps one watch open before we open the next. */
  watchTimeoutSeconds?: number;
}

const defaultBackoff: BackoffPolicy = { baseDelayMs: 250, maxDelayMs: 30_000 };

/** A LIST of a big cluster can legitimately take longer than the console waits for a first answer. */
const minListTimeoutMs = 30_000;

interface SettledContexts {
  ready: KubernetesContextWatch[];
  /** Contexts with nothing to show yet, and why. */
  failures: string[];
  /** Contexts shown from their cache while their watches fail. */
  stale: string[];
}

/**
 * Kubernetes clusters from a kubeconfig, one per context: nodes, pods and workloads kept in
 * memory by list + watch, started on first use. A context that cannot be reached is reported by
 * name and server URL; the others still answer.
 */
export class KubernetesSource implements ClusterSource {
  readonly kind = "kubernetes" as const;
  readonly id: string;
  private readonly config: KubernetesSourceConfig;
  private contexts: Promise<KubernetesContextWatch[]> | null = null;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    config: KubernetesSourceConfigInput,
    private readonly options: KubernetesSourceOptions = {},
  ) {
    this.config = KubernetesSourceConfig.parse(config);
    this.id = this.config.id;
  }

  async inventory(): Promise<ClusterInventory> {
    const { ready, failures, stale } = await this.settle();
    const inventory = buildKubernetesInventory(
      ready.map((context) => ({
        contextName: context.contextName,
        clusterId: context.clusterId,
        objects: context.objects(),
      })),
      {
        regionLabel: this.config.regionLabel,
        zoneLabel: this.config.zoneLabel,
        serviceLabels: this.config.instanceLabel ? [this.config.instanceLabel] : defaultServiceLabels,
      },
    );
    const sourceWarnings = [...failures, ...stale].map((message) => ({ message, instanceIds: [] }));
    return { ...inventory, warnings: [...sourceWarnings, ...(inventory.warnings ?? [])] };
  }

  async clusterDetails(): Promise<ClusterDetail[]> {
    const { ready } = await this.settle();
    const readAtMs = (this.options.clock ?? systemClock).nowMs();
    return ready.map((context) =>
      buildKubernetesClusterDetail({
        sourceId: this.id,
        contextName: context.contextName,
        clusterId: context.clusterId,
        readAtMs,
        objects: context.objects(),
        placement: { regionLabel: this.config.regionLabel, zoneLabel: this.config.zoneLabel },
      }),
    );
  }

  /** Calls onChange on every applied watch event (bookmarks change nothing) and after a relist. */
  watch(onChange: () => void): () => void {
    this.listeners.add(onChange);
    this.started().catch(() => {
      // inventory() reports why; a watcher only waits for changes.
    });
    return () => this.listeners.delete(onChange);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const contexts = await (this.contexts ?? Promise.resolve([])).catch(() => []);
    for (const context of contexts) context.stop();
  }

  /** Waits (at most timeoutMs) for every context's first LIST, then sorts them by what they can show. */
  private async settle(): Promise<SettledContexts> {
    const contexts = await this.started();
    const statuses = await Promise.all(contexts.map((context) => context.whenSettled(this.config.timeoutMs)));
    const settled: SettledContexts = { ready: [], failures: [], stale: [] };
    contexts.forEach((context, index) => {
      const status = statuses[index] ?? context.status();
      if (!status.synced)
        settled.failures.push(status.error ?? `kubernetes context "${context.contextName}" is not read yet`);
      else {
        settled.ready.push(context);
        if (status.error !== null) settled.stale.push(`${status.error}; showing what was last seen`);
      }
    });
    if (settled.ready.length === 0) {
      throw new Error(`kubernetes source "${this.id}": no context answered: ${settled.failures.join("; ")}`);
    }
    return settled;
  }

  private started(): Promise<KubernetesContextWatch[]> {
    if (this.closed) return Promise.reject(new Error(`kubernetes source "${this.id}" is closed`));
    this.contexts ??= this.start().catch((error: unknown) => {
      // A kubeconfig fixed later is read on the next call.
      this.contexts = null;
      throw error;
    });
    return this.contexts;
  }

  private async start(): Promise<KubernetesContextWatch[]> {
    const client = await import("@kubernetes/client-node");
    const path = this.config.kubeconfig;
    const fail = (why: string) => new Error(`kubernetes source "${this.id}": kubeconfig ${path} ${why}`);
    const text = await readFile(path, "utf8").catch((error: Error) => {
      throw fail(`cannot be read: ${error.message}`);
    });
    const kubeConfigOf = (contextName: string | null) => {
      const kubeConfig = new client.KubeConfig();
      try {
        kubeConfig.loadFromString(text);
      } catch (error) {
        throw fail(`is not a valid kubeconfig: ${(error as Error).message}`);
      }
      if (contextName !== null) kubeConfig.setCurrentContext(contextName);
      return kubeConfig;
    };
    const available = kubeConfigOf(null)
      .getContexts()
      .map((context) => context.name);
    const names = this.config.contexts ?? available;
    if (names.length === 0) throw fail("has no contexts");
    const missing = names.filter((name) => !available.includes(name));
    if (missing.length > 0) {
      throw fail(
        `has no context ${missing.map((name) => `"${name}"`).join(", ")} (it has ${available.join(", ") || "none"})`,
      );
    }

    const watches = names.map((name) =>
      createContextWatch(client, kubeConfigOf(name), name, clusterIdOf(name), this.config.namespaces ?? null, {
        backoff: this.options.backoff ?? defaultBackoff,
        listPageSize: this.options.listPageSize ?? 500,
        listTimeoutMs: Math.max(this.config.timeoutMs, minListTimeoutMs),
        watchTimeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
        onChange: () => {
          for (const listener of this.listeners) listener();
        },
      }),
    );
    if (!this.closed) for (const watch of watches) watch.start();
    return watches;
  }
}

export function createKubernetesSource(
  config: KubernetesSourceConfigInput,
  options: KubernetesSourceOptions = {},
): KubernetesSource {
  return new KubernetesSource(config, options);
}
