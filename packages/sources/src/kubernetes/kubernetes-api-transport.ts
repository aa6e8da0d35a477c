import type { AppsV1Api, ConfigurationOptions, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { ListPage, ResourceTransport } from "./resource-transport.ts";

/** @kubernetes/client-node, loaded when a Kubernetes source first starts (it takes a while to load). */
export type KubernetesClientModule = typeof import("@kubernetes/client-node");

export const watchedResources = ["nodes", "pods", "deployments", "statefulsets", "daemonsets", "replicasets"] as const;
export type WatchedResource = (typeof watchedResources)[number];

interface Apis {
  core: CoreV1Api;
  apps: AppsV1Api;
}
interface PageQuery {
  limit: number;
  _continue?: string;
}
interface ListAnswer {
  items: readonly unknown[];
  metadata?: { resourceVersion?: string; _continue?: string };
}

interface ResourceCalls {
  /** The collection's path under the server, for a namespace or for all of them. */
  path(namespace: string | null): string;
  list(apis: Apis, namespace: string | null, query: PageQuery, options: ConfigurationOptions): Promise<ListAnswer>;
}

const namespacedPath = (prefix: string, resource: string) => (namespace: string | null) =>
  namespace === null ? `${prefix}/${resource}` : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;

const calls: Record<WatchedResource, ResourceCalls> = {
  nodes: {
    path: () => "/api/v1/nodes",
    list: ({ core }, _namespace, query, options) => core.listNode(query, options),
  },
  pods: {
    path: namespacedPath("/api/v1", "pods"),
    list: ({ core }, namespace, query, options) =>
      namespace === null
        ? core.listPodForAllNamespaces(query, options)
        : core.listNamespacedPod({ namespace, ...query }, options),
  },
  deployments: {
    path: namespacedPath("/apis/apps/v1", "deployments"),
    list: ({ apps }, namespace, query, options) =>
      namespace === null
        ? apps.listDeploymentForAllNamespaces(query, options)
        : apps.listNamespacedDeployment({ namespace, ...query }, options),
  },
  statefulsets: {
    path: namespacedPath("/apis/apps/v1", "statefulsets"),
    list: ({ apps }, namespace, query, options) =>
      namespace === null
        ? apps.listStatefulSetForAllNamespaces(query, options)
        : apps.listNamespacedStatefulSet({ namespace, ...query }, options),
  },
  daemonsets: {
    path: namespacedPath("/apis/apps/v1", "daemonsets"),
    list: ({ apps }, namespace, query, options) =>
      namespace === null
        ? apps.listDaemonSetForAllNamespaces(query, options)
        : apps.listNamespacedDaemonSet({ namespace, ...query }, options),
  },
  replicasets: {
    path: namespacedPath("/apis/apps/v1", "replicasets"),
    list: ({ apps }, namespace, query, options) =>
      namespace === null
        ? apps.listReplicaSetForAllNamespaces(query, options)
        : apps.listNamespacedReplicaSet({ namespace, ...query }, options),
  },
};

/** Request options that let the signal cancel the request (the object-style API takes Observable middleware). */
function cancellableBy(client: KubernetesClientModule, signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new client.Observable(Promise.resolve(context));
        },
        post: (response) => new client.Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: "append",
  };
}

/** Lists with client-node's typed calls and watches with its Watch, both authenticated by the kubeconfig. */
export function createApiTransport(
  client: KubernetesClientModule,
  kubeConfig: KubeConfig,
  resource: WatchedResource,
  namespace: string | null,
): ResourceTransport {
  const apis: Apis = {
    core: kubeConfig.makeApiClient(client.CoreV1Api),
    apps: kubeConfig.makeApiClient(client.AppsV1Api),
  };
  const watcher = new client.Watch(kubeConfig);
  const resourceCalls = calls[resource];
  return {
    description: namespace === null ? resource : `${resource} in namespace ${namespace}`,
    async list({ limit, continueToken }, signal): Promise<ListPage> {
      const query: PageQuery = continueToken ? { limit, _continue: continueToken } : { limit };
      const answer = await resourceCalls.list(apis, namespace, query, cancellableBy(client, signal));
      return {
        items: answer.items,
        resourceVersion: answer.metadata?.resourceVersion ?? "",
        continueToken: answer.metadata?._continue || null,
      };
    },
    async watch({ resourceVersion, timeoutSeconds }, onEvent, onDone) {
      const controller = await watcher.watch(
        resourceCalls.path(namespace),
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        (type: string, object: unknown) => onEvent({ type, object }),
        onDone,
      );
      return { abort: () => controller.abort() };
    },
  };
}
