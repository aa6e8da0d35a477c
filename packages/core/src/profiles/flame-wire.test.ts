import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFlameGraph } from "./flame-budget.ts";
import type { FlameGraph } from "./flame-graph.ts";
import { buildFlameTree } from "./flame-tree.ts";
import { decodeFlameGraph, encodeFlameGraph, FlameWireError } from "./flame-wire.ts";
import { profileFromStacks, randomProfile, stacks } from "./profile-fixture.test-support.ts";

const small = toFlameGraph(
  buildFlameTree(profileFromStacks(stacks(["main;serve;json.Marshal", 3e9], ["main;gc;runtime.mallocgc", 2 ** 53])), {
    sampleTypeIndex: 0,
    rootPath: ["main"],
  }),
  { maxNodes: 100 },
);
const diff: FlameGraph = {
  ...small,
  kind: "diff",
  strings: [...small.strings, "naïve.函数 🔥"],
  baseSelf: Float64Array.from(small.nodeSelf, (v) => v / 3),
  baseTotal: Float64Array.from(small.nodeTotal, (v) => -v / 7),
};

/** A plain-object view, so toEqual compares values and not typed-array identities. */
const plain = (graph: FlameGraph) =>
  Object.fromEntries(
    Object.entries(graph).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
    ]),
  );

const expectWireError = (bytes: Uint8Array, message: string) => {
  expect(() => decodeFlameGraph(bytes)).toThrow(FlameWireError);
  expect(() => decodeFlameGraph(bytes)).toThrow(`flame graph data: ${message}`);
};

describe("flame graph wire format", () => {
  it("round-trips a graph, large values and non-ASCII names included", () => {
    for (const graph of [small, diff]) {
      const decoded = decodeFlameGraph(encodeFlameGraph(graph));
      expect(plain(decoded)).toEqual(plain(graph));
      expect(decoded.nodeTotal).toBeInstanceOf(Float64Array);
      expect(decoded.nodeDepth).toBeInstanceOf(Uint16Array);
    }
    expect(small.rootPath).toEqual(["main"]);
    expect(decodeFlameGraph(encodeFlameGraph(small)).baseTotal).toBeUndefined();
  });

  it("views the columns in place, and copies once when the bytes are not aligned", () => {
    const bytes = encodeFlameGraph(diff);
    expect(decodeFlameGraph(bytes).nodeTotal.buffer).toBe(bytes.buffer);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(plain(decodeFlameGraph(shifted.subarray(3)))).toEqual(plain(diff));
  });

  it("spends about 38 bytes per node on the columns, plus the names", () => {
    const graph = toFlameGraph(buildFlameTree(randomProfile(5_000, 3), { sampleTypeIndex: 0 }), { maxNodes: 5_000 });
    const nodes = graph.nodeName.length;
    const stringBytes = graph.strings.reduce((sum, s) => sum + 4 + s.length, 0);
    const bytes = encodeFlameGraph(graph).length;
    expect(nodes).toBeGreaterThan(4_000);
    expect(bytes - stringBytes).toBeLessThanOrEqual(38 * nodes + 400);
    expect(bytes / nodes).toBeLessThan(40);
  });

  it("names what is wrong with bytes that are not a flame graph", () => {
    const bytes = encodeFlameGraph(small);
    expectWireError(new Uint8Array(0), "truncated at byte 0: the preamble needs 12 bytes");
    expectWireError(new TextEncoder().encode('{"error": "not found"}'), 'does not start with "FDFG" (found "{\\"er")');
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(4, 7, true);
    expectWireError(future, "unknown version 7 (this reader knows 1)");
    expectWireError(
      bytes.subarray(0, bytes.length - 1),
      `truncated at byte ${bytes.length - 1}: the nodeDepth column needs`,
    );
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expectWireError(longer, "8 unexpected bytes after the last column");
  });

  it("refuses a graph whose indices lead out of range", () => {
    const badParent = { ...small, nodeParent: Int32Array.from(small.nodeParent, (p, i) => (i === 2 ? 5 : p)) };
    expectWireError(
      encodeFlameGraph(badParent),
      "node 2 has parent 5; the first node has -1 and every other an earlier node",
    );
    const badName = { ...small, nodeName: Uint32Array.from(small.nodeName, (n, i) => (i === 1 ? 99 : n)) };
    expectWireError(encodeFlameGraph(badName), `node 1 names string 99 of ${small.strings.length}`);
    const badEnd = { ...small, subtreeEnd: Uint32Array.from(small.subtreeEnd, (e, i) => (i === 1 ? 1_000 : e)) };
    expectWireError(encodeFlameGraph(badEnd), "node 1 has subtree end 1000, outside its parent's subtree");
    const badValue = { ...diff, baseTotal: Float64Array.from(diff.baseTotal!, (v, i) => (i === 3 ? Number.NaN : v)) };
    expectWireError(encodeFlameGraph(badValue), "node 3 has baseTotal NaN");
  });

  it("fails cleanly on every truncation and on random corruption", () => {
    const bytes = encodeFlameGraph(diff);
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeFlameGraph(bytes.subarray(0, length))).toThrow(FlameWireError);
    }
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const corrupted = bytes.slice();
          for (const [at, value] of edits) corrupted[at] = value;
          try {
            const graph = decodeFlameGraph(corrupted);
            // What decodes must be safe to walk.
            for (let i = 0; i < graph.nodeName.length; i++)
              expect(graph.strings[graph.nodeName[i]!]).toBeTypeOf("string");
          } catch (error) {
            expect(error).toBeInstanceOf(FlameWireError);
          }
        },
      ),
      { seed: 11, numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => {
        expect(() => decodeFlameGraph(garbage)).toThrow(FlameWireError);
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
