import { z } from "zod";

/** Prometheus label names: no '.' or '/' (the data model forbids them). */
const LabelName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "must be a Prometheus label name (letters, digits and '_'); relabel Kubernetes labels first, e.g. topology.kubernetes.io/region becomes topology_kubernetes_io_region",
  );

/** One PromQL label matcher such as `job=~"api|etcd"` or `namespace!="kube-system"`. */
const LabelMatcher = z
  .string()
  .regex(
    /^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*$/,
    'must be a label matcher like job="api" or namespace=~"shop|payments"',
  );

/**
 * Which labels place an instance. The defaults suit a Kubernetes setup that copies node labels
 * onto targets with the usual relabelling (`labelmap` of `__meta_kubernetes_node_label_(.+)`,
 * with `attach_metadata: {node: true}` for pod targets): `topology.kubernetes.io/region` and
 * `…/zone` arrive as topology_kubernetes_io_region and topology_kubernetes_io_zone. `cluster` is
 * the usual external/relabelled cluster name (Thanos, Mimir and kube-prometheus use it), `node`
 * the relabelled `__meta_kubernetes_pod_node_name`, and `job` is the one service label every
 * Prometheus target has.
 */
export const PrometheusLabelNames = z.strictObject({
  region: LabelName.default("topology_kubernetes_io_region"),
  zone: LabelName.default("topology_kubernetes_io_zone"),
  cluster: LabelName.default("cluster"),
  node: LabelName.default("node"),
  service: LabelName.default("job"),
  instance: LabelName.default("instance"),
});
export type PrometheusLabelNames = z.infer<typeof PrometheusLabelNames>;

const Auth = z.union([
  z.strictObject({ basic: z.strictObject({ username: z.string().min(1), password: z.string() }) }),
  z.strictObject({ bearerToken: z.string().min(1) }),
]);

export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and '-' (at most 63), e.g. prod-eu");

export const PrometheusSourceConfig = z.strictObject({
  id: SourceId,
  kind: z.literal("prometheus"),
  /** Credentials in the URL (http://user:pass@host) are sent as basic auth and never shown. */
  url: z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? "is required" : "must be an http:// or https:// URL"),
  }),
  auth: Auth.optional(),
  labels: PrometheusLabelNames.prefault({}),
  /**
   * Placement for series without the region or cluster label. A Prometheus that watches one
   * cluster rarely labels its own series with it: name the cluster here (it defaults to the
   * source's id).
   */
  defaults: z
    .strictObject({ region: z.string().min(1).optional(), cluster: z.string().min(1).optional() })
    .prefault({}),
  /** Added to every query: which targets are Fleetdeck's, e.g. job=~"api|etcd". */
  matchers: z.array(LabelMatcher).default([]),
  /** Per request attempt. Short: a console is needed most when things are slow. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  retries: z.number().int().min(0).max(5).default(2),
  /** The targets' scrape interval: rates are taken over four of them, as Prometheus advises. */
  scrapeIntervalSeconds: z.number().positive().max(3_600).default(15),
  /**
   * Where the instances read their runtime config, when Fleetdeck may change it: an etcd cluster
   * that the Fleetdeck agent beside each instance watches (keys under `prefix`), reached through
   * etcd's HTTP gateway. Without it the source is read-only.
   */
  configCentre: z
    .strictObject({
      kind: z.literal("etcd"),
      endpoints: z
        .array(z.url({ protocol: /^https?$/, error: "must be an etcd client URL such as http://127.0.0.1:2379" }))
        .min(1, "name at least one etcd endpoint"),
      prefix: z
        .string()
        .regex(/^\/[A-Za-z0-9_./-]*$/, "must be a key prefix starting with '/', e.g. /fleetdeck")
        .default("/fleetdeck"),
      timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    })
    .optional(),
  /** Profile captures from the instances' net/http/pprof (see discover-instances for the URL). */
  pprof: z
    .strictObject({
      /** How long an instance may take to answer, beyond a CPU profile's own seconds. */
      timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      /** A bigger profile is refused: 64 MiB holds the largest real profiles by far. */
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .max(1024 * 1024 * 1024)
        .default(64 * 1024 * 1024),
      /** Sent as `Authorization: Bearer …` when the endpoints need it (the demo fleet's do). */
      bearerToken: z.string().min(1).optional(),
    })
    .prefault({}),
});
export type PrometheusSourceConfig = z.infer<typeof PrometheusSourceConfig>;
export type PrometheusSourceConfigInput = z.input<typeof PrometheusSourceConfig>;
