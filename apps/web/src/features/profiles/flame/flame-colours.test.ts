import { describe, expect, it } from "vitest";
import {
  colourFrames,
  diffFill,
  diffShade,
  diffShades,
  labelColourOn,
  packageFill,
  packageHue,
} from "./flame-colours.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

describe("package colours", () => {
  it("gives a package the same hue every time and different packages different hues", () => {
    expect(packageHue("runtime")).toBe(packageHue("runtime"));
    const hues = new Set(
      ["runtime", "net/http", "go.etcd.io/etcd/server/v3/etcdserver", "main", "sync"].map(packageHue),
    );
    expect(hues.size).toBe(5);
  });

  it("draws light fills with dark labels on the light theme and the reverse on the dark one", () => {
    expect(labelColourOn(packageFill("runtime", "light"))).toBe("#1b1f24");
    expect(labelColourOn(packageFill("runtime", "dark"))).toBe("#f0f3f6");
  });

  it("colours frames of one package alike and batches them into one fill", () => {
    const graph = testFlameGraph({
      name: "main.main",
      children: [
        { name: "runtime.mallocgc", self: 1 },
        { name: "runtime.gcAssistAlloc", self: 1 },
        { name: "net/http.(*conn).serve", self: 1 },
        { name: "(2 smaller frames)", merged: 2, self: 1 },
      ],
    });
    const colouring = colourFrames(graph, "light");
    const fillOf = (name: string) => colouring.fills[colouring.colourOf[nodeNamed(graph, name)]!];
    expect(fillOf("runtime.mallocgc")).toBe(fillOf("runtime.gcAssistAlloc"));
    expect(fillOf("runtime.mallocgc")).not.toBe(fillOf("net/http.(*conn).serve"));
    expect(fillOf("(2 smaller frames)")).not.toBe(fillOf("main.main"));
    expect(colouring.fills).toHaveLength(new Set(colouring.fills).size);
  });

  it("greys everything but the highlighted frames", () => {
    const graph = testFlameGraph({
      name: "main.main",
      children: [
        { name: "runtime.mallocgc", self: 1 },
        { name: "sync.(*Mutex).Lock", self: 1 },
      ],
    });
    const highlight = Uint8Array.from([0, 1, 0]);
    const colouring = colourFrames(graph, "dark", highlight);
    const [root, malloc, lock] = [0, 1, 2].map((node) => colouring.fills[colouring.colourOf[node]!]);
    expect(root).toBe(lock);
    expect(malloc).not.toBe(root);
    expect(malloc).toBe(colourFrames(graph, "dark").fills[colourFrames(graph, "dark").colourOf[1]!]);
  });
});

describe("diff colours", () => {
  it("shades growth positive and shrink negative, stronger for larger changes of the profile", () => {
    expect(diffShade(0)).toBe(0);
    expect(diffShade(0.00005)).toBe(0);
    expect(diffShade(0.01)).toBeGreaterThan(0);
    expect(diffShade(-0.01)).toBe(-diffShade(0.01));
    expect(diffShade(0.05)).toBeGreaterThan(diffShade(0.01));
    expect(diffShade(0.5)).toBe(diffShades);
  });

  it("is grey when unchanged, red for growth and blue for shrink", () => {
    const [r0, g0, b0] = diffFill(0, "light");
    expect(Math.abs(r0 - b0)).toBeLessThan(20);
    const [r, , b] = diffFill(diffShades, "light");
    expect(r).toBeGreaterThan(b + 100);
    const [r2, , b2] = diffFill(-diffShades, "dark");
    expect(b2).toBeGreaterThan(r2 + 100);
    expect(g0).toBeGreaterThan(0);
  });

  it("colours a diff graph's frames by their change against the whole profile", () => {
    const graph = testFlameGraph(
      {
        name: "root",
        children: [
          { name: "grew", self: 40, baseSelf: 10 },
          { name: "shrank", self: 10, baseSelf: 40 },
          { name: "same", self: 50, baseSelf: 50 },
        ],
      },
      { kind: "diff" },
    );
    const colouring = colourFrames(graph, "light");
    const fill = (name: string) => colouring.fills[colouring.colourOf[nodeNamed(graph, name)]!];
    const rgb = (css: string | undefined) => css!.match(/\d+/g)!.map(Number);
    expect(rgb(fill("grew"))[0]).toBeGreaterThan(rgb(fill("grew"))[2]!);
    expect(rgb(fill("shrank"))[2]).toBeGreaterThan(rgb(fill("shrank"))[0]!);
    expect(fill("same")).toBe(fill("root"));
  });
});
