import { describe, expect, it } from "vitest";
import { frameAt } from "./flame-hit-test.ts";
import {
  computeFlameLayout,
  contentHeightPx,
  type FlameViewport,
  frameRowPx,
  maxScrollPx,
  visibleFrames,
  windowOfNode,
} from "./flame-layout.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

// root 100 = main 60 (work 40, idle 20) + gc 30 (mark 30) + 10 self.
const graph = testFlameGraph({
  name: "root",
  self: 10,
  children: [
    {
      name: "main",
      children: [
        { name: "work", self: 40 },
        { name: "idle", self: 20 },
      ],
    },
    { name: "gc", children: [{ name: "mark", self: 30 }] },
  ],
});
const layout = computeFlameLayout(graph);

const viewport = (change: Partial<FlameViewport> = {}): FlameViewport => ({
  widthPx: 1000,
  heightPx: 3 * frameRowPx,
  x0: 0,
  x1: 1,
  scrollPx: 0,
  orientation: "icicle",
  ...change,
});

function drawn(rects: ReturnType<typeof visibleFrames>, of = graph) {
  return Array.from({ length: rects.count }, (_, k) => ({
    name: of.strings[of.nodeName[rects.node[k]!]!],
    x: rects.x[k],
    y: rects.y[k],
    width: rects.width[k],
  }));
}

describe("flame layout", () => {
  it("places each child after its previous sibling, the first at its parent's left edge", () => {
    const startOf = (name: string) => layout.start[nodeNamed(graph, name)];
    expect([
      startOf("root"),
      startOf("main"),
      startOf("work"),
      startOf("idle"),
      startOf("gc"),
      startOf("mark"),
    ]).toEqual([0, 0, 0, 40, 60, 60]);
    expect(layout.maxDepth).toBe(2);
  });

  it("groups nodes by row, left to right", () => {
    const row = (depth: number) =>
      Array.from(
        layout.depthNodes.slice(layout.depthStart[depth], layout.depthStart[depth + 1]),
        (node) => graph.strings[graph.nodeName[node]!],
      );
    expect([row(0), row(1), row(2)]).toEqual([["root"], ["main", "gc"], ["work", "idle", "mark"]]);
  });

  it("sizes diff frames by both profiles, so a frame that vanished still shows", () => {
    const diff = testFlameGraph(
      {
        name: "root",
        children: [
          { name: "old", baseSelf: 50 },
          { name: "new", self: 30, baseSelf: 10 },
        ],
      },
      { kind: "diff" },
    );
    const diffLayout = computeFlameLayout(diff);
    expect(Array.from(diffLayout.weight)).toEqual([90, 50, 40]);
    expect(diffLayout.start[nodeNamed(diff, "new")]).toBe(50);
  });

  it("draws the whole graph in pixels, root at the top in icicle mode", () => {
    expect(drawn(visibleFrames(graph, layout, viewport()))).toEqual([
      { name: "root", x: 0, y: 0, width: 1000 },
      { name: "main", x: 0, y: 18, width: 600 },
      { name: "work", x: 0, y: 36, width: 400 },
      { name: "idle", x: 400, y: 36, width: 200 },
      { name: "gc", x: 600, y: 18, width: 300 },
      { name: "mark", x: 600, y: 36, width: 300 },
    ]);
  });

  it("puts the root at the bottom in flame mode", () => {
    const rects = drawn(visibleFrames(graph, layout, viewport({ orientation: "flame" })));
    expect(rects.find((r) => r.name === "root")?.y).toBe(36);
    expect(rects.find((r) => r.name === "work")?.y).toBe(0);
  });

  it("zooms by moving the window: the zoomed frame fills the width, its ancestors are clipped to it", () => {
    const window = windowOfNode(layout, nodeNamed(graph, "main"));
    expect(window).toEqual({ x0: 0, x1: 0.6 });
    const rects = drawn(visibleFrames(graph, layout, viewport(window)));
    expect(rects.map((r) => r.name)).toEqual(["root", "main", "work", "idle"]);
    expect(rects.find((r) => r.name === "root")).toMatchObject({ x: 0, width: 1000 });
    expect(rects.find((r) => r.name === "work")?.width).toBeCloseTo((40 / 60) * 1000, 6);
  });

  it("leaves out frames narrower than half a pixel, with their subtrees", () => {
    const wide = testFlameGraph({
      name: "root",
      children: [
        { name: "big", self: 1_000_000 },
        { name: "tiny", self: 1, children: [{ name: "tinier", self: 1 }] },
      ],
    });
    const rects = drawn(visibleFrames(wide, computeFlameLayout(wide), viewport()), wide);
    expect(rects.map((r) => r.name)).toEqual(["root", "big"]);
  });

  it("scrolls rows: frames that left the canvas are not drawn, deeper ones still are", () => {
    const rects = drawn(visibleFrames(graph, layout, viewport({ heightPx: 2 * frameRowPx, scrollPx: frameRowPx })));
    expect(rects.map((r) => [r.name, r.y])).toEqual([
      ["main", 0],
      ["work", 18],
      ["idle", 18],
      ["gc", 0],
      ["mark", 18],
    ]);
    expect(contentHeightPx(layout)).toBe(54);
    expect(maxScrollPx(layout, 2 * frameRowPx)).toBe(18);
  });

  it("visits only what shows: a deep tree under a tiny frame costs nothing", () => {
    let deep: { name: string; self?: number; children?: { name: string }[] } = { name: "leaf", self: 1 };
    for (let i = 0; i < 1000; i++) deep = { name: `f${i}`, children: [deep] };
    const big = testFlameGraph({ name: "root", children: [{ name: "hot", self: 1e9 }, deep] });
    const rects = visibleFrames(big, computeFlameLayout(big), viewport());
    expect(rects.count).toBe(2);
  });
});

describe("hit testing", () => {
  const name = (node: number) => (node < 0 ? null : graph.strings[graph.nodeName[node]!]);

  it("finds the frame under the pointer in icicle mode", () => {
    expect(name(frameAt(layout, viewport(), 10, 5))).toBe("root");
    expect(name(frameAt(layout, viewport(), 599, 20))).toBe("main");
    expect(name(frameAt(layout, viewport(), 600, 20))).toBe("gc");
    expect(name(frameAt(layout, viewport(), 450, 40))).toBe("idle");
  });

  it("finds nothing where no frame is drawn: a parent's self time, outside the canvas", () => {
    expect(frameAt(layout, viewport(), 950, 20)).toBe(-1);
    expect(frameAt(layout, viewport(), 950, 40)).toBe(-1);
    expect(frameAt(layout, viewport(), -1, 5)).toBe(-1);
    expect(frameAt(layout, viewport({ heightPx: 200 }), 10, 100)).toBe(-1);
  });

  it("reads rows from the bottom in flame mode and follows scrolling and zoom", () => {
    const flame = viewport({ orientation: "flame" });
    expect(name(frameAt(layout, flame, 10, 50))).toBe("root");
    expect(name(frameAt(layout, flame, 10, 0))).toBe("work");
    const zoomed = viewport({ ...windowOfNode(layout, nodeNamed(graph, "gc")), scrollPx: frameRowPx });
    expect(name(frameAt(layout, zoomed, 500, 5))).toBe("gc");
    expect(name(frameAt(layout, zoomed, 999, 20))).toBe("mark");
  });

  it("agrees with what is drawn, at the centre of every drawn frame", () => {
    for (const orientation of ["flame", "icicle"] as const) {
      const view = viewport({ orientation, x0: 0.05, x1: 0.95 });
      const rects = visibleFrames(graph, layout, view);
      for (let k = 0; k < rects.count; k++) {
        const x = rects.x[k]! + rects.width[k]! / 2;
        const y = rects.y[k]! + frameRowPx / 2;
        expect(frameAt(layout, view, x, y)).toBe(rects.node[k]);
      }
    }
  });
});
