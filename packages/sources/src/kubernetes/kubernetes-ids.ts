import { entityIdOf } from "../prometheus/discover-instances.ts";

/** A context is one cluster: its id is the context's name, made safe for ids and links. */
export function clusterIdOf(contextName: string): string {
  return entityIdOf(contextName);
}

/** Node names repeat across clusters (every kind cluster has a "kind-control-plane"). */
export function nodeIdOf(clusterId: string, nodeName: string): string {
  return entityIdOf(`${clusterId}.${nodeName}`);
}

export function podInstanceIdOf(clusterId: string, namespace: string, podName: string): string {
  return entityIdOf(`${clusterId}.${namespace}.${podName}`);
}

export { entityIdOf };
