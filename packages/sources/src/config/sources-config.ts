import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { PrometheusSourceConfig, SourceId } from "../prometheus/prometheus-source-config.ts";
import { formatIssuePath } from "./describe-issues.ts";

/** The embedded demo fleet; its seed, size and speed come from the server's own settings. */
export const DemoSourceConfig = z.strictObject({ id: SourceId, kind: z.literal("demo") });
export type DemoSourceConfig = z.infer<typeof DemoSourceConfig>;

export const SourceConfig = z.discriminatedUnion("kind", [DemoSourceConfig, PrometheusSourceConfig], {
  error: (issue) => (issue.code === "invalid_union" ? 'must be "demo" or "prometheus"' : undefined),
});
export type SourceConfig = z.infer<typeof SourceConfig>;

export const SourcesConfig = z
  .strictObject({ sources: z.array(SourceConfig).min(1, "declare at least one source") })
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
export const defaultSourcesConfig: SourcesConfig = { sources: [{ id: "demo", kind: "demo" }] };

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
