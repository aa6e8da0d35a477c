import { describe, expect, it } from "vitest";
import { podsNeedingAttentionFirst } from "./attention-order.ts";
import type { KubernetesPod } from "./cluster-types.ts";
import { defaultSort, nextSort, type SortableColumn, sortRows } from "./table-sort.ts";

function pod(name: string, ready: boolean, restarts: number, nodeName: string | null = "node-1"): KubernetesPod {
  return {
    namespace: "shop",
    name,
    nodeName,
    phase: "Running",
    ready,
    restarts,
    workload: "Deployment/checkout",
    instanceId: null,
    startedAtMs: null,
  };
}

const columns: SortableColumn<KubernetesPod>[] = [
  { header: "Pod", cell: (p) => p.name, sortValue: (p) => p.name },
  { header: "Restarts", numeric: true, cell: (p) => p.restarts, sortValue: (p) => p.restarts },
  { header: "Node", cell: (p) => p.nodeName, sortValue: (p) => p.nodeName },
  { header: "Phase", cell: (p) => p.phase },
];

const pods = [
  pod("checkout-10", true, 0),
  pod("checkout-2", true, 4),
  pod("checkout-9", false, 0, null),
  pod("checkout-1", true, 0),
  pod("checkout-3", false, 7),
];
const names = (rows: readonly KubernetesPod[]) => rows.map((p) => p.name);

describe("cluster table sorting", () => {
  it("opens with pods not ready first, then the most restarts, then by name in natural order", () => {
    expect(names(sortRows(pods, columns, defaultSort, podsNeedingAttentionFirst))).toEqual([
      "checkout-3",
      "checkout-9",
      "checkout-2",
      "checkout-1",
      "checkout-10",
    ]);
  });

  it("sorts by the chosen column either way, with ties in the default order", () => {
    const byRestartsDown = sortRows(
      pods,
      columns,
      { header: "Restarts", direction: "desc" },
      podsNeedingAttentionFirst,
    );
    expect(names(byRestartsDown)).toEqual(["checkout-3", "checkout-2", "checkout-9", "checkout-1", "checkout-10"]);
    const byNameUp = sortRows(pods, columns, { header: "Pod", direction: "asc" }, podsNeedingAttentionFirst);
    expect(names(byNameUp)).toEqual(["checkout-1", "checkout-2", "checkout-3", "checkout-9", "checkout-10"]);
  });

  it("keeps unknown values last in both directions", () => {
    for (const direction of ["asc", "desc"] as const) {
      const byNode = sortRows(pods, columns, { header: "Node", direction }, podsNeedingAttentionFirst);
      expect(byNode.at(-1)?.name).toBe("checkout-9");
    }
  });

  it("falls back to the default order for a column without a sort value", () => {
    const byPhase = sortRows(pods, columns, { header: "Phase", direction: "asc" }, podsNeedingAttentionFirst);
    expect(names(byPhase)).toEqual(names(sortRows(pods, columns, defaultSort, podsNeedingAttentionFirst)));
  });

  it("a click on a new column starts numbers from the top and text from A; a second click flips it", () => {
    expect(nextSort(defaultSort, "Restarts", true)).toEqual({ header: "Restarts", direction: "desc" });
    expect(nextSort(defaultSort, "Pod", false)).toEqual({ header: "Pod", direction: "asc" });
    expect(nextSort({ header: "Pod", direction: "asc" }, "Pod", false)).toEqual({ header: "Pod", direction: "desc" });
  });
});
