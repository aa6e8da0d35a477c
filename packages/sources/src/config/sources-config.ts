import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { EtcdClusterSourceConfig } from "../etcd/etcd-cluster-source-config.ts";
import { KubernetesSourceConfig } from "../kubernetes/kubernetes-source-config.ts";
import { PrometheusSourceConfig, SourceId } from "../prometheus/prometheus-source-config.ts";
import { formatIssuePath } from "./describe-issues.ts";

/** The embedded demo fleet; its seed, size and speed come from the server's own settings. */
export const DemoSourceConfig = z.strictObject({ id: SourceId, kind: z.literal("demo") });
export type DemoSourceConfig = z.infer<typeof DemoSourceConfig>;

/**
 * Fleet sources (the demo fleet, Prometheus) give instances and their GC metrics; cluster sources
 * (etcd, Kubernetes) give what a cluster's own control plane tells about its members.
 */
export const SourceConfig = z.discriminatedUnion(
  "kind",
  [DemoSourceConfig, PrometheusSourceConfig, EtcdClusterSourceConfig, KubernetesSourceConfig],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? 'must be "demo", "prometheus", "etcd" or "kubernetes"' : undefined,
  },
);
export type SourceConfig = z.infer<typeof SourceConfig>;

/** A time no rollout may start in, written as ISO 8601 instants, e.g. 2026-12-24T00:00:00Z. */
const FreezeWindowConfig = z
  .strictObject({
    start: z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant such as 2026-12-24T00:00:00Z" }),
    end: z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant such as 2026-12-27T00:00:00Z" }),
    reason: z.string().trim().min(1, "say why changes are frozen").max(500),
  })
  .transform((window) => ({ startMs: Date.parse(window.start), endMs: Date.parse(window.end), reason: window.reason }))
  .refine((window) => window.endMs > window.startMs, { message: "must end after it starts", path: ["end"] });

/** The rules config changes follow; the default asks one approval and freezes nothing. */
export const ChangePolicyConfig = z.strictObject({
  defaultApprovals: z.number().int().min(1).max(10).default(1),
  freezeWindows: z.array(FreezeWindowConfig).max(1000).default([]),
});
export type ChangePolicyConfig = z.infer<typeof ChangePolicyConfig>;

export const SourcesConfig = z
  .strictObject({
    sources: z.array(SourceConfig).min(1, "declare at least one source"),
    changePolicy: ChangePolicyConfig.prefault({}),
  })
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.id)) {
        context.addIssue({ code: "custom", path: ["sources", index, "id"], message: `"${source.id}" is used twice` });
      }
      seen.add(source.id);
    });
  });
export type SourcesConfig = z.infer<typeof SourcesConfig>;

/** Without a sources file the console shows the demo fleet. */
export const defaultSourcesConfig: SourcesConfig = {
  sources: [{ id: "demo", kind: "demo" }],
  changePolicy: { defaultApprovals: 1, freezeWindows: [] },
};

export class SourcesConfigError extends Error {
  override readonly name = "SourcesConfigError";
}

/**
 * Parses a sources file (YAML, or JSON which is YAML too). Every problem is reported as
 * `file:line: path: message`, e.g. `sources.yaml:7: sources[1].url: must be an http:// or https:// URL`.
 */
export function parseSourcesConfig(text: string, fileName = "sources file"): SourcesConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => {
      const line = lineCounter.linePos(error.pos[0]).line;
      return `${fileName}:${line}: ${error.message.split("\n")[0]}`;
    });
    throw new SourcesConfigError(`invalid YAML:\n${lines.join("\n")}`);
  }
  const parsed = SourcesConfig.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const line = lineOf(document, lineCounter, issue.path);
    const path = formatIssuePath(issue.path);
    return `${fileName}${line === null ? "" : `:${line}`}: ${path ? `${path}: ` : ""}${issue.message}`;
  });
  throw new SourcesConfigError(`invalid sources file:\n${lines.join("\n")}`);
}

/** The line of the value at `path`, or of its nearest parent that exists (a missing key's object). */
function lineOf(
  document: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth) as (string | number)[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}
