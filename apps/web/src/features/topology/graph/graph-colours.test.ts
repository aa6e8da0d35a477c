import { describe, expect, it } from "vitest";
import { edgeColourClass, edgeWidthClass, edgeWidthsPx, nodeHealthOf, paletteFromStyle } from "./graph-colours.ts";

describe("edge colours", () => {
  it("grades the error ratio at 0.1%, 1% and 5%", () => {
    const classOf = (errorRatio: number) => edgeColourClass({ errorRatio, p99LatencyMs: 5_000 }, "errors");
    expect([0, 0.0009, 0.001, 0.009, 0.01, 0.049, 0.05, 1].map(classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it("grades p99 latency at 100 ms, 300 ms and 1 s when colouring by latency", () => {
    const classOf = (p99LatencyMs: number) => edgeColourClass({ errorRatio: 1, p99LatencyMs }, "latency");
    expect([5, 99, 100, 299, 300, 999, 1000, 60_000].map(classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});

describe("edge widths", () => {
  it("gives the busiest decade the widest line and each decade below a thinner one", () => {
    expect(edgeWidthClass(5_000, 5_000)).toBe(edgeWidthsPx.length - 1);
    expect(edgeWidthClass(600, 5_000)).toBe(edgeWidthsPx.length - 1);
    expect(edgeWidthClass(400, 5_000)).toBe(2);
    expect(edgeWidthClass(40, 5_000)).toBe(1);
    expect(edgeWidthClass(0.2, 5_000)).toBe(0);
  });

  it("draws idle edges thinnest rather than failing on zero traffic", () => {
    expect(edgeWidthClass(0, 100)).toBe(0);
    expect(edgeWidthClass(0, 0)).toBe(0);
  });
});

describe("node health", () => {
  it("shows one unhealthy instance, and a quarter or more as unhealthy", () => {
    expect(nodeHealthOf({ instances: 0, unhealthyInstances: 0 })).toBe("unknown");
    expect(nodeHealthOf({ instances: 40, unhealthyInstances: 0 })).toBe("healthy");
    expect(nodeHealthOf({ instances: 40, unhealthyInstances: 1 })).toBe("degraded");
    expect(nodeHealthOf({ instances: 40, unhealthyInstances: 10 })).toBe("unhealthy");
  });
});

describe("the palette", () => {
  it("reads each colour from the theme's custom properties", () => {
    const palette = paletteFromStyle((property) => `value of ${property}`);
    expect(palette.edges).toEqual(
      ["--graph-edge-0", "--graph-edge-1", "--graph-edge-2", "--graph-edge-3"].map((p) => `value of ${p}`),
    );
    expect(palette.health.unhealthy).toBe("value of --graph-health-bad");
  });
});
