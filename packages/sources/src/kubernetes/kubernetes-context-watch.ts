import type { KubeConfig } from "@kubernetes/client-node";
import type { BackoffPolicy } from "../prometheus/retry-backoff.ts";
import {
  createApiTransport,
  type KubernetesClientModule,
  type WatchedResource,
  watchedResources,
} from "./kubernetes-api-transport.ts";
import {
  type ClusterObjects,
  KubeDaemonSet,
  KubeNode,
  KubePod,
  KubeReplicatedWorkload,
  type KubeWorkload,
} from "./kubernetes-objects.ts";
import type { ResourceTransport } from "./resource-transport.ts";
import { ResourceWatchLoop } from "./resource-watch-loop.ts";

export interface ContextWatchOptions {
  backoff: BackoffPolicy;
  listPageSize: number;
  listTimeoutMs: number;
  watchTimeoutSeconds: number;
  onChange: () => void;
}

/** Where a context stands: its cache is usable once synced; error says what fails now, if anything. */
export interface ContextStatus {
  synced: boolean;
  error: string | null;
}

const parsers = {
  nodes: (object: unknown) => KubeNode.safeParse(object).data ?? null,
  pods: (object: unknown) => KubePod.safeParse(object).data ?? null,
  deployments: (object: unknown) => KubeReplicatedWorkload.safeParse(object).data ?? null,
  statefulsets: (object: unknown) => KubeReplicatedWorkload.safeParse(object).data ?? null,
  daemonsets: (object: unknown) => KubeDaemonSet.safeParse(object).data ?? null,
  replicasets: (object: unknown) => KubeReplicatedWorkload.safeParse(object).data ?? null,
} satisfies Record<WatchedResource, (object: unknown) => unknown>;

type LoopsOf = { [R in WatchedResource]: ResourceWatchLoop<NonNullable<ReturnType<(typeof parsers)[R]>>>[] };

/**
 * One context's watches: nodes cluster-wide, and pods and workloads in every namespace (one
 * watch) or in each configured namespace (one watch each).
 */
export class KubernetesContextWatch {
  private readonly loops: LoopsOf;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly contextName: string,
    readonly clusterId: string,
    /** The API server's URL, for messages. */
    readonly server: string,
    transportOf: (resource: WatchedResource, namespace: string | null) => ResourceTransport,
    namespaces: readonly string[] | null,
    options: ContextWatchOptions,
  ) {
    const loopsFor = <T>(resource: WatchedResource, parse: (object: unknown) => T | null) => {
      const scopes = resource === "nodes" || namespaces === null ? [null] : namespaces;
      return scopes.map(
        (namespace) =>
          new ResourceWatchLoop<T>({
            transport: transportOf(resource, namespace),
            parse,
            backoff: options.backoff,
            listPageSize: options.listPageSize,
            listTimeoutMs: options.listTimeoutMs,
            watchTimeoutSeconds: options.watchTimeoutSeconds,
            onChange: options.onChange,
            onStateChange: () => this.wakeWaiters(),
          }),
      );
    };
    this.loops = {
      nodes: loopsFor("nodes", parsers.nodes),
      pods: loopsFor("pods", parsers.pods),
      deployments: loopsFor("deployments", parsers.deployments),
      statefulsets: loopsFor("statefulsets", parsers.statefulsets),
      daemonsets: loopsFor("daemonsets", parsers.daemonsets),
      replicasets: loopsFor("replicasets", parsers.replicasets),
    };
  }

  private allLoops(): ResourceWatchLoop<unknown>[] {
    return watchedResources.flatMap((resource) => this.loops[resource] as ResourceWatchLoop<unknown>[]);
  }

  start(): void {
    for (const loop of this.allLoops()) loop.start();
  }

  stop(): void {
    for (const loop of this.allLoops()) loop.stop();
    this.wakeWaiters();
  }

  status(): ContextStatus {
    const loops = this.allLoops();
    const failing = loops.find((loop) => loop.lastError !== null);
    return {
      synced: loops.every((loop) => loop.synced),
      error: failing ? `kubernetes context "${this.contextName}" (${this.server}): ${failing.lastError}` : null,
    };
  }

  /**
   * Waits until every resource has been listed once, or one has failed before that (an
   * unreachable server fails at once), or timeoutMs passed.
   */
  async whenSettled(timeoutMs: number): Promise<ContextStatus> {
    const isSettled = () => {
      const status = this.status();
      return status.synced || status.error !== null;
    };
    if (!isSettled()) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        };
        const check = () => {
          if (isSettled()) finish();
        };
        const timer = setTimeout(finish, timeoutMs);
        this.waiters.add(check);
      });
    }
    const status = this.status();
    if (status.synced || status.error !== null) return status;
    return {
      synced: false,
      error: `kubernetes context "${this.contextName}" (${this.server}): no answer within ${timeoutMs} ms`,
    };
  }

  private wakeWaiters(): void {
    for (const waiter of this.waiters) waiter();
  }

  objects(): ClusterObjects {
    const values = <T>(loops: readonly ResourceWatchLoop<T>[]): T[] =>
      loops.flatMap((loop) => [...loop.items.values()]);
    return {
      nodes: values<KubeNode>(this.loops.nodes),
      pods: values<KubePod>(this.loops.pods),
      deployments: values<KubeWorkload>(this.loops.deployments),
      statefulSets: values<KubeWorkload>(this.loops.statefulsets),
      daemonSets: values<KubeWorkload>(this.loops.daemonsets),
      replicaSets: values<KubeWorkload>(this.loops.replicasets),
    };
  }
}

/** A context's watches over client-node. */
export function createContextWatch(
  client: KubernetesClientModule,
  kubeConfig: KubeConfig,
  contextName: string,
  clusterId: string,
  namespaces: readonly string[] | null,
  options: ContextWatchOptions,
): KubernetesContextWatch {
  const server = kubeConfig.getCurrentCluster()?.server ?? "no server";
  return new KubernetesContextWatch(
    contextName,
    clusterId,
    server,
    (resource, namespace) => createApiTransport(client, kubeConfig, resource, namespace),
    namespaces,
    options,
  );
}
