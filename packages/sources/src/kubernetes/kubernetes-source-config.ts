import { z } from "zod";
import { SourceId } from "../prometheus/prometheus-source-config.ts";

/** A label key as Kubernetes defines it: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
const LabelKey = z
  .string()
  .regex(
    /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    "must be a Kubernetes label key such as topology.kubernetes.io/region or app",
  );

/** A namespace name is a DNS-1123 label. */
const NamespaceName = z
  .string()
  .regex(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, "must be a namespace name (lowercase letters, digits and '-')");

export const KubernetesSourceConfig = z.strictObject({
  id: SourceId,
  kind: z.literal("kubernetes"),
  /** Path of a kubeconfig file; credentials, certificates and exec plugins come from it. */
  kubeconfig: z.string().min(1, "name a kubeconfig file"),
  /** The contexts to show, one cluster each; every context in the file when absent. */
  contexts: z.array(z.string().min(1)).min(1, "name at least one context, or leave contexts out").optional(),
  /** Namespaces whose pods and workloads are watched; all namespaces when absent. */
  namespaces: z.array(NamespaceName).min(1, "name at least one namespace, or leave namespaces out").optional(),
  /** The node labels that place a node; the well-known topology labels by default. */
  regionLabel: LabelKey.default("topology.kubernetes.io/region"),
  zoneLabel: LabelKey.default("topology.kubernetes.io/zone"),
  /**
   * The pod label naming the service. Without it, app.kubernetes.io/name (the recommended label),
   * then app; a pod with neither belongs to the service named after its owning workload.
   */
  instanceLabel: LabelKey.optional(),
  /** How long a first read of a context may take before the console answers without it. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
});
export type KubernetesSourceConfig = z.infer<typeof KubernetesSourceConfig>;
export type KubernetesSourceConfigInput = z.input<typeof KubernetesSourceConfig>;
