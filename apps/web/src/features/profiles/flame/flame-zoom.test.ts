import type { FlameGraph } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import {
  findNodeByPath,
  isSubtreeComplete,
  pathOfNode,
  pickZoomSource,
  zoomOutPath,
  zoomPathForClick,
} from "./flame-zoom.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

// The whole profile, trimmed: main's small callees were merged, gc's subtree is complete.
const top = testFlameGraph({
  name: "root",
  children: [
    {
      name: "main",
      children: [
        { name: "serve", children: [{ name: "handle", self: 50 }] },
        { name: "(4 smaller frames)", merged: 4, self: 4 },
      ],
    },
    { name: "gc", children: [{ name: "mark", self: 30 }] },
  ],
});
// main's subtree fetched at full detail: node 0 is main.
const mainDetail = testFlameGraph(
  {
    name: "main",
    children: [
      { name: "serve", children: [{ name: "handle", self: 50 }] },
      { name: "a", self: 1 },
      { name: "b", self: 3 },
    ],
  },
  { rootPath: ["main"], profileTotal: 84 },
);

describe("call paths", () => {
  it("names a node by the frames from below the root down to it", () => {
    expect(pathOfNode(top, nodeNamed(top, "handle"))).toEqual(["main", "serve", "handle"]);
    expect(pathOfNode(top, 0)).toEqual([]);
    expect(pathOfNode(mainDetail, nodeNamed(mainDetail, "handle"))).toEqual(["main", "serve", "handle"]);
    expect(pathOfNode(mainDetail, 0)).toEqual(["main"]);
  });

  it("finds a node by its path, in a graph rooted anywhere on it", () => {
    expect(findNodeByPath(top, ["main", "serve"])).toBe(nodeNamed(top, "serve"));
    expect(findNodeByPath(top, [])).toBe(0);
    expect(findNodeByPath(mainDetail, ["main", "b"])).toBe(nodeNamed(mainDetail, "b"));
    expect(findNodeByPath(mainDetail, ["main"])).toBe(0);
  });

  it("does not find paths the graph does not hold", () => {
    expect(findNodeByPath(top, ["main", "a"])).toBe(-1);
    expect(findNodeByPath(top, ["main", "(4 smaller frames)"])).toBe(-1);
    expect(findNodeByPath(mainDetail, ["gc"])).toBe(-1);
    expect(findNodeByPath(mainDetail, [])).toBe(-1);
  });

  it("knows which subtrees were trimmed", () => {
    expect(isSubtreeComplete(top, nodeNamed(top, "gc"))).toBe(true);
    expect(isSubtreeComplete(top, nodeNamed(top, "serve"))).toBe(true);
    expect(isSubtreeComplete(top, nodeNamed(top, "main"))).toBe(false);
    expect(isSubtreeComplete(top, 0)).toBe(false);
  });

  it("opens a merged node's parent, zooms out one level at a time", () => {
    expect(zoomPathForClick(top, nodeNamed(top, "(4 smaller frames)"))).toEqual(["main"]);
    expect(zoomPathForClick(top, nodeNamed(top, "mark"))).toEqual(["gc", "mark"]);
    expect(zoomOutPath(["gc", "mark"])).toEqual(["gc"]);
    expect(zoomOutPath([])).toEqual([]);
  });
});

describe("choosing the graph for a zoom", () => {
  const cache =
    (...graphs: FlameGraph[]) =>
    (path: string[]) =>
      graphs.find((graph) => JSON.stringify(graph.rootPath) === JSON.stringify(path));

  it("zooms inside the loaded graph when the subtree is complete: only the view moves", () => {
    expect(pickZoomSource(["gc"], cache(top))).toEqual({ fetchPath: [], node: nodeNamed(top, "gc"), stopgap: null });
  });

  it("fetches a trimmed subtree at full detail, showing the trimmed one meanwhile", () => {
    expect(pickZoomSource(["main"], cache(top))).toEqual({
      fetchPath: ["main"],
      node: -1,
      stopgap: { fetchPath: [], node: nodeNamed(top, "main") },
    });
  });

  it("uses the detailed graph once loaded, even if it is trimmed too, and zooms inside it", () => {
    expect(pickZoomSource(["main"], cache(top, mainDetail))).toEqual({ fetchPath: ["main"], node: 0, stopgap: null });
    expect(pickZoomSource(["main", "b"], cache(top, mainDetail))).toEqual({
      fetchPath: ["main"],
      node: nodeNamed(mainDetail, "b"),
      stopgap: null,
    });
  });

  it("prefers the widest graph, so ancestors stay drawn", () => {
    expect(pickZoomSource(["main", "serve"], cache(top, mainDetail)).fetchPath).toEqual([]);
  });

  it("fetches a deep link directly when nothing is loaded yet", () => {
    expect(pickZoomSource(["main", "b"], cache())).toEqual({ fetchPath: ["main", "b"], node: -1, stopgap: null });
  });
});
