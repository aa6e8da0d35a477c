import {
  type ClusterSource,
  createEtcdClusterSource,
  createKubernetesSource,
  type SourcesConfig,
} from "@fleetdeck/sources";

/** One cluster source per etcd or Kubernetes entry of the sources file, in its order. */
export function clusterSourcesOf(config: SourcesConfig): ClusterSource[] {
  return config.sources.flatMap((entry) => {
    if (entry.kind === "etcd") return [createEtcdClusterSource(entry)];
    if (entry.kind === "kubernetes") return [createKubernetesSource(entry)];
    return [];
  });
}
