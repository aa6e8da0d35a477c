import { describe, expect, it } from "vitest";
import { LabelWidths } from "../../profiles/flame/flame-draw.ts";
import { paletteFromStyle } from "./graph-colours.ts";
import { drawServiceGraph, edgeAlpha, type GraphDrawInput, type GraphDrawingContext } from "./graph-draw.ts";
import type { GraphLayout } from "./graph-layout.ts";
import { neighbourhoodOf } from "./graph-neighbourhood.ts";
import { buildGraphScene, edgeBoundsOf } from "./graph-scene.ts";
import { graphStructureOf } from "./graph-structure.ts";
import { testServiceGraph } from "./test-service-graph.ts";

/** Records strokes and fills with the style, alpha and dash in force, and texts drawn. */
function recordingContext() {
  const ops: { op: string; style: string; alpha: number; dash: number[]; moves: number }[] = [];
  const texts: string[] = [];
  let dash: number[] = [];
  let moves = 0;
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    font: "",
    textBaseline: "alphabetic",
    setTransform: () => {},
    clearRect: () => {},
    fillRect: () => {},
    beginPath: () => {
      moves = 0;
    },
    moveTo: () => {
      moves++;
    },
    lineTo: () => {},
    closePath: () => {},
    rect: () => {
      moves++;
    },
    setLineDash: (segments: number[]) => {
      dash = segments;
    },
    stroke: () => ops.push({ op: "stroke", style: String(ctx.strokeStyle), alpha: ctx.globalAlpha, dash, moves }),
    fill: () => ops.push({ op: "fill", style: String(ctx.fillStyle), alpha: ctx.globalAlpha, dash, moves }),
    fillText: (text: string) => texts.push(text),
  };
  return { ctx: ctx as unknown as GraphDrawingContext, ops, texts };
}

/** Nodes in a row, 200 apart; each edge a straight line between its boxes. */
function rowLayout(graph = testServiceGraph()): GraphLayout {
  const structure = graphStructureOf(graph);
  const nodeX = Float64Array.from(structure.nodes.map((_, i) => i * 200));
  const points = structure.edges.flatMap(({ from, to }) => [from * 200 + 100, 20, to * 200, 20]);
  return {
    key: structure.key,
    nodeX,
    nodeY: new Float64Array(structure.nodes.length),
    nodeWidth: new Float64Array(structure.nodes.length).fill(100),
    nodeHeight: new Float64Array(structure.nodes.length).fill(40),
    edgePointStart: Uint32Array.from(structure.edges.map((_, i) => i * 2).concat(structure.edges.length * 2)),
    edgePoints: Float64Array.from(points),
    widthPx: structure.nodes.length * 200,
    heightPx: 40,
  };
}

const palette = paletteFromStyle((property) => property);

function drawInput(overrides: Partial<GraphDrawInput> = {}): GraphDrawInput {
  const graph = testServiceGraph();
  const layout = rowLayout(graph);
  const widths = new LabelWidths((text) => text.length * 6);
  return {
    graph,
    layout,
    scene: buildGraphScene(graph, "errors", null),
    edgeBounds: edgeBoundsOf(layout),
    viewport: { scale: 1, x: 0, y: 0 },
    widthPx: 2000,
    heightPx: 300,
    pixelRatio: 1,
    palette,
    hovered: -1,
    titleWidths: widths,
    captionWidths: widths,
    ...overrides,
  };
}

describe("edgeAlpha", () => {
  it("fades lines as more share the screen", () => {
    expect(edgeAlpha(20)).toBeGreaterThan(edgeAlpha(300));
    expect(edgeAlpha(300)).toBeGreaterThan(edgeAlpha(3_000));
  });
});

describe("drawServiceGraph", () => {
  it("strokes each edge batch once, whatever its size, in the batch's colour", () => {
    const input = drawInput();
    const { ctx, ops } = recordingContext();
    const stats = drawServiceGraph(ctx, input);
    const edgeStrokes = ops.filter((o) => o.op === "stroke" && o.style.startsWith("--graph-edge"));
    expect(edgeStrokes).toHaveLength(input.scene.edgeBatches.length);
    expect(edgeStrokes.reduce((sum, o) => sum + o.moves, 0)).toBe(input.graph.edges.length);
    expect(stats.edgesDrawn).toBe(input.graph.edges.length);
    expect(edgeStrokes.map((o) => o.style)).toContain("--graph-edge-2");
  });

  it("dashes cross-region calls and external nodes only", () => {
    const { ctx, ops } = recordingContext();
    drawServiceGraph(ctx, drawInput());
    const dashedEdges = ops.filter((o) => o.op === "stroke" && o.style.startsWith("--graph-edge") && o.dash.length > 0);
    expect(dashedEdges.map((o) => o.moves)).toEqual([1]);
    const nodeBorders = ops.filter((o) => o.op === "stroke" && o.style.startsWith("--graph-health"));
    expect(nodeBorders.every((o) => o.dash.length === 0)).toBe(true);
  });

  it("paths only what is on screen", () => {
    // The first two boxes (x 0–300) are in view; every edge touching them is too.
    const { ctx } = recordingContext();
    const stats = drawServiceGraph(ctx, drawInput({ widthPx: 300, viewport: { scale: 1, x: 0, y: 0 } }));
    expect(stats.nodesDrawn).toBe(2);
    expect(stats.edgesDrawn).toBeLessThan(testServiceGraph().edges.length);
    expect(stats.edgesDrawn).toBeGreaterThan(0);
  });

  it("writes names and instance counts when zoomed in enough to read them, and none when far out", () => {
    const near = recordingContext();
    drawServiceGraph(near.ctx, drawInput());
    expect(near.texts).toContain("checkout");
    expect(near.texts).toContain("3 instances");
    const far = recordingContext();
    drawServiceGraph(far.ctx, drawInput({ viewport: { scale: 0.2, x: 0, y: 0 } }));
    expect(far.texts).toEqual([]);
  });

  it("fades what is off the selection's paths and outlines the selection, its upstream and downstream", () => {
    const graph = testServiceGraph();
    const hood = neighbourhoodOf(
      graphStructureOf(graph),
      graph.nodes.findIndex((n) => n.id === "checkout"),
    );
    const { ctx, ops } = recordingContext();
    drawServiceGraph(ctx, drawInput({ scene: buildGraphScene(graph, "errors", hood) }));
    const faded = ops.filter((o) => o.op === "stroke" && o.style.startsWith("--graph-edge") && o.alpha < 0.2);
    expect(faded.reduce((sum, o) => sum + o.moves, 0)).toBe(3);
    const outlines = Object.fromEntries(
      ["--graph-upstream", "--graph-downstream", "--graph-selection"].map((style) => [
        style,
        ops.find((o) => o.op === "stroke" && o.style === style)?.moves,
      ]),
    );
    expect(outlines).toEqual({ "--graph-upstream": 1, "--graph-downstream": 2, "--graph-selection": 1 });
  });
});
