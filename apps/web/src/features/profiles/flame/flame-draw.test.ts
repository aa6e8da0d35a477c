import { describe, expect, it } from "vitest";
import type { FrameColouring } from "./flame-colours.ts";
import { drawFlameFrames, type FlameDrawingContext, fitLabel, LabelWidths } from "./flame-draw.ts";
import { computeFlameLayout, frameRowPx, visibleFrames } from "./flame-layout.ts";
import { testFlameGraph } from "./test-flame-graph.ts";

/** Every letter 6 px wide; counts how often each string is measured. */
function fixedWidths() {
  const measured: string[] = [];
  const widths = new LabelWidths((text) => {
    measured.push(text);
    return text.length * 6;
  });
  return { widths, measured };
}

/** A 2D context that records what is drawn, with the fill style in force at each call. */
function recordingContext() {
  const calls: { op: string; style: string; args: unknown[] }[] = [];
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    font: "",
    textBaseline: "alphabetic",
    clearRect: () => {},
    beginPath: () => {},
    measureText: () => ({ width: 0 }),
    rect: (...args: unknown[]) => calls.push({ op: "rect", style: String(ctx.fillStyle), args }),
    fill: () => calls.push({ op: "fill", style: String(ctx.fillStyle), args: [] }),
    fillText: (...args: unknown[]) => calls.push({ op: "text", style: String(ctx.fillStyle), args }),
    strokeRect: (...args: unknown[]) => calls.push({ op: "stroke", style: String(ctx.strokeStyle), args }),
  };
  return { ctx: ctx as unknown as FlameDrawingContext, calls };
}

describe("labels", () => {
  it("shows the whole name when it fits", () => {
    expect(fitLabel("main.main", 100, fixedWidths().widths)).toBe("main.main");
  });

  it("drops the package path first, then cuts with an ellipsis", () => {
    const { widths } = fixedWidths();
    const name = "github.com/acme/api/server.(*Handler).ServeHTTP";
    expect(fitLabel(name, 200, widths)).toBe("server.(*Handler).ServeHTTP");
    const cut = fitLabel(name, 60, widths);
    expect(cut).toMatch(/^server\.\(…?.*…$/);
    expect((cut?.length ?? 0) * 6).toBeLessThanOrEqual(66);
    expect(fitLabel(name, 15, widths)).toBeNull();
  });

  it("measures each string once", () => {
    const { widths, measured } = fixedWidths();
    for (let i = 0; i < 5; i++) fitLabel("runtime.mallocgc", 30, widths);
    expect(measured.filter((text) => text === "runtime.mallocgc")).toHaveLength(1);
  });
});

describe("drawing frames", () => {
  const graph = testFlameGraph({
    name: "root",
    children: [
      { name: "a", self: 25 },
      { name: "b", self: 25 },
      { name: "c", self: 25 },
      { name: "d", self: 25 },
    ],
  });
  // Two colours alternate across the row, as packages often do.
  const colouring: FrameColouring = {
    colourOf: Uint16Array.from([0, 1, 0, 1, 0]),
    fills: ["red", "blue"],
    labels: ["white", "black"],
  };
  const layout = computeFlameLayout(graph);
  const rects = visibleFrames(graph, layout, {
    widthPx: 400,
    heightPx: 2 * frameRowPx,
    x0: 0,
    x1: 1,
    scrollPx: 0,
    orientation: "icicle",
  });

  it("fills each colour once, with all its frames in one path", () => {
    const { ctx, calls } = recordingContext();
    drawFlameFrames(ctx, graph, rects, {
      widthPx: 400,
      heightPx: 36,
      colouring,
      widths: fixedWidths().widths,
      outlined: [],
      outlineColour: "yellow",
    });
    const fills = calls.filter((call) => call.op === "fill").map((call) => call.style);
    expect(fills).toEqual(["red", "blue"]);
    expect(calls.filter((call) => call.op === "rect" && call.style === "red")).toHaveLength(3);
    expect(calls.filter((call) => call.op === "rect" && call.style === "blue")).toHaveLength(2);
  });

  it("labels frames in their label colour and outlines the selected one", () => {
    const { ctx, calls } = recordingContext();
    drawFlameFrames(ctx, graph, rects, {
      widthPx: 400,
      heightPx: 36,
      colouring,
      widths: fixedWidths().widths,
      outlined: [2],
      outlineColour: "yellow",
    });
    const labels = calls.filter((call) => call.op === "text").map((call) => [call.args[0], call.style]);
    expect(labels).toEqual([
      ["root", "white"],
      ["b", "white"],
      ["d", "white"],
      ["a", "black"],
      ["c", "black"],
    ]);
    const outlines = calls.filter((call) => call.op === "stroke");
    expect(outlines).toHaveLength(1);
    expect(outlines[0]?.args[0]).toBe(101);
  });
});
