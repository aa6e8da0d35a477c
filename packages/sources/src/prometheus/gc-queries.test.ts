import { describe, expect, it } from "vitest";
import {
  anyOf,
  combinedGcQueryText,
  combinedQueryLabel,
  gcQueryKeys,
  gcQueryText,
  matcherBlock,
  promqlString,
  splitCombinedVector,
} from "./gc-queries.ts";

const scope = { matchers: [], instanceLabel: "instance", rateWindowSeconds: 60 };

describe("GC queries", () => {
  it("keeps one series per instance of gauges and rates over the window, and p99 from the pause histogram", () => {
    expect(gcQueryText("goroutines", scope)).toBe("max by (instance) (go_goroutines)");
    expect(gcQueryText("gcCycles", scope)).toBe("max by (instance) (rate(go_gc_duration_seconds_count[60s]))");
    expect(gcQueryText("pauseQuantiles", { ...scope, instanceLabel: "pod" })).toBe(
      "max by (pod, quantile) (go_gc_duration_seconds)",
    );
    expect(gcQueryText("pauseP99", { ...scope, instanceLabel: "pod" })).toBe(
      "histogram_quantile(0.99, sum by (le, pod) (rate(go_sched_pauses_total_gc_seconds_bucket[60s])))",
    );
    expect(gcQueryText("allocRate", { ...scope, rateWindowSeconds: 2.5 })).toBe(
      "max by (instance) (rate(go_memstats_alloc_bytes_total[2500ms]))",
    );
  });

  it("is one query per metric for all instances, whatever the fleet's size", () => {
    const queries = gcQueryKeys.map((key) => gcQueryText(key, scope));
    expect(new Set(queries).size).toBe(gcQueryKeys.length);
    for (const query of queries) expect(query).not.toContain("instance=");
  });

  it("adds the configured matchers and, for a few instances, a regex of their label values", () => {
    const block = matcherBlock({
      matchers: [' job=~"api|etcd" '],
      instanceLabel: "instance",
      instanceLabelValues: ["10.0.0.1:80", "a+b"],
    });
    expect(block).toBe('{job=~"api|etcd",instance=~"10\\\\.0\\\\.0\\\\.1:80|a\\\\+b"}');
    expect(gcQueryText("heapGoal", { ...scope, matchers: ['job="etcd"'] })).toBe(
      'max by (instance) (go_memstats_next_gc_bytes{job="etcd"})',
    );
  });

  it("escapes regex metacharacters and string quotes so a value matches only itself", () => {
    expect(anyOf(["a.b", "(x)|y", "[z]"])).toBe("a\\.b|\\(x\\)\\|y|\\[z\\]");
    expect(promqlString('say "hi"\\\n')).toBe('"say \\"hi\\"\\\\\\n"');
  });

  it("asks every metric in one expression, each tagged with its key", () => {
    const text = combinedGcQueryText(scope);
    const parts = text.split(" or ");
    expect(parts).toHaveLength(gcQueryKeys.length);
    gcQueryKeys.forEach((key, index) => {
      expect(parts[index]).toBe(
        `label_replace(${gcQueryText(key, scope)}, "${combinedQueryLabel}", "${key}", "instance", ".*")`,
      );
    });
  });

  it("splits a combined answer into one vector per metric, without the tag, empty for metrics nobody has", () => {
    const value = { timestampMs: 1000, value: 42 };
    const vectors = splitCombinedVector({
      resultType: "vector",
      result: [
        { metric: { instance: "a:1", [combinedQueryLabel]: "goroutines" }, value },
        { metric: { instance: "a:1", quantile: "0.5", [combinedQueryLabel]: "pauseQuantiles" }, value },
        { metric: { instance: "b:1", [combinedQueryLabel]: "goroutines" }, value },
        { metric: { instance: "c:1", [combinedQueryLabel]: "not-a-metric" }, value },
      ],
    });
    expect([...vectors.keys()]).toEqual(gcQueryKeys);
    expect(vectors.get("goroutines")?.result).toEqual([
      { metric: { instance: "a:1" }, value },
      { metric: { instance: "b:1" }, value },
    ]);
    expect(vectors.get("pauseQuantiles")?.result).toEqual([{ metric: { instance: "a:1", quantile: "0.5" }, value }]);
    expect(vectors.get("heapLive")?.result).toEqual([]);
  });
});
