import { describe, expect, it } from "vitest";
import { flameKeyAction } from "./flame-keyboard.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

const graph = testFlameGraph({
  name: "root",
  children: [
    {
      name: "a",
      children: [
        { name: "a1", self: 1 },
        { name: "a2", self: 1 },
      ],
    },
    { name: "b", self: 1 },
    { name: "c", self: 1 },
  ],
});
const n = (name: string) => nodeNamed(graph, name);
const icicle = (selected: string | null, zoom = "root") => ({
  selected: selected === null ? null : n(selected),
  zoomNode: n(zoom),
  orientation: "icicle" as const,
});

describe("flame graph keyboard", () => {
  it("selects the zoomed frame on the first arrow key", () => {
    expect(flameKeyAction("ArrowDown", graph, icicle(null, "a"))).toEqual({ type: "select", node: n("a") });
  });

  it("moves to the first child and back to the parent along the arrows' direction on screen", () => {
    expect(flameKeyAction("ArrowDown", graph, icicle("root"))).toEqual({ type: "select", node: n("a") });
    expect(flameKeyAction("ArrowUp", graph, icicle("a1"))).toEqual({ type: "select", node: n("a") });
    const flame = { ...icicle("root"), orientation: "flame" as const };
    expect(flameKeyAction("ArrowUp", graph, flame)).toEqual({ type: "select", node: n("a") });
    expect(flameKeyAction("ArrowDown", graph, { ...flame, selected: n("a") })).toEqual({
      type: "select",
      node: n("root"),
    });
  });

  it("moves between siblings, staying put at either end", () => {
    expect(flameKeyAction("ArrowRight", graph, icicle("a"))).toEqual({ type: "select", node: n("b") });
    expect(flameKeyAction("ArrowRight", graph, icicle("b"))).toEqual({ type: "select", node: n("c") });
    expect(flameKeyAction("ArrowRight", graph, icicle("c"))).toEqual({ type: "select", node: n("c") });
    expect(flameKeyAction("ArrowLeft", graph, icicle("c"))).toEqual({ type: "select", node: n("b") });
    expect(flameKeyAction("ArrowLeft", graph, icicle("b"))).toEqual({ type: "select", node: n("a") });
    expect(flameKeyAction("ArrowLeft", graph, icicle("a"))).toEqual({ type: "select", node: n("a") });
    expect(flameKeyAction("ArrowRight", graph, icicle("a1"))).toEqual({ type: "select", node: n("a2") });
  });

  it("stays on a leaf going deeper and on the root going up", () => {
    expect(flameKeyAction("ArrowDown", graph, icicle("b"))).toEqual({ type: "select", node: n("b") });
    expect(flameKeyAction("ArrowUp", graph, icicle("root"))).toEqual({ type: "select", node: n("root") });
  });

  it("zooms with Enter, zooms out with Escape and jumps to search with /", () => {
    expect(flameKeyAction("Enter", graph, icicle("a"))).toEqual({ type: "zoom", node: n("a") });
    expect(flameKeyAction("Enter", graph, icicle(null))).toBeNull();
    expect(flameKeyAction("Escape", graph, icicle("a"))).toEqual({ type: "zoomOut" });
    expect(flameKeyAction("/", graph, icicle(null))).toEqual({ type: "focusSearch" });
    expect(flameKeyAction("x", graph, icicle("a"))).toBeNull();
  });
});
