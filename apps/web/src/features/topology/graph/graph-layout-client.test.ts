import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { elkGraphOf, layoutFromElk } from "./graph-layout.ts";
import { GraphLayoutClient, type LayoutWorkerPort } from "./graph-layout-client.ts";
import type { LayoutRequest, LayoutResponse } from "./graph-layout-protocol.ts";
import { graphStructureOf } from "./graph-structure.ts";
import { testEdge, testServiceGraph } from "./test-service-graph.ts";

/**
 * The worker's job on this thread: the same ELK and conversion, answered asynchronously like a
 * worker's message. Counts requests; `fail` makes the next one answer with an error.
 */
function sameThreadWorker() {
  const elk = new ELK();
  const state = { requests: [] as LayoutRequest[], fail: false, terminated: 0 };
  const port: LayoutWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(request) {
      state.requests.push(request);
      const failing = state.fail;
      state.fail = false;
      void (async () => {
        const response: LayoutResponse = failing
          ? { requestId: request.requestId, error: "ELK threw" }
          : {
              requestId: request.requestId,
              layout: layoutFromElk(request.structure, await elk.layout(elkGraphOf(request.structure))),
              elkMs: 1,
            };
        port.onmessage?.({ data: response } as MessageEvent<LayoutResponse>);
      })();
    },
    terminate() {
      state.terminated++;
    },
  };
  return { port, state };
}

describe("GraphLayoutClient", () => {
  it("lays a structure out once and answers it again from the cache", async () => {
    const { port, state } = sameThreadWorker();
    const client = new GraphLayoutClient(() => port);
    const structure = graphStructureOf(testServiceGraph());
    const first = await client.layout(structure);
    const again = await client.layout(graphStructureOf({ ...testServiceGraph(), atMs: 5_000 }));
    expect(state.requests).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(again).toMatchObject({ cached: true, elkMs: 0 });
    expect(again.layout).toBe(first.layout);
  });

  it("lays out a new structure and keeps only the most recent ones", async () => {
    const { port, state } = sameThreadWorker();
    const client = new GraphLayoutClient(() => port, 2);
    const graph = testServiceGraph();
    const shapes = [
      graph,
      { ...graph, edges: graph.edges.slice(1) },
      { ...graph, edges: [...graph.edges, testEdge("reports", "search")] },
    ];
    for (const shape of shapes) await client.layout(graphStructureOf(shape));
    expect(state.requests).toHaveLength(3);
    await client.layout(graphStructureOf(shapes[2]!));
    expect(state.requests).toHaveLength(3);
    await client.layout(graphStructureOf(shapes[0]!));
    expect(state.requests).toHaveLength(4);
  });

  it("reports a failed layout and tries again next time", async () => {
    const { port, state } = sameThreadWorker();
    const client = new GraphLayoutClient(() => port);
    const structure = graphStructureOf(testServiceGraph());
    state.fail = true;
    await expect(client.layout(structure)).rejects.toThrow("laying out the service graph failed: ELK threw");
    await expect(client.layout(structure)).resolves.toMatchObject({ cached: false });
    expect(state.requests).toHaveLength(2);
  });

  it("can start its worker before the first layout, and uses that one worker for it", async () => {
    const started: ReturnType<typeof sameThreadWorker>[] = [];
    const client = new GraphLayoutClient(() => {
      started.push(sameThreadWorker());
      return started.at(-1)!.port;
    });
    client.prepare();
    // A worker announces that it has started; that answers no request.
    started[0]!.port.onmessage?.({ data: { ready: true } } as MessageEvent<LayoutResponse>);
    expect(started).toHaveLength(1);
    expect(started[0]!.state.requests).toHaveLength(0);
    await client.layout(graphStructureOf(testServiceGraph()));
    expect(started).toHaveLength(1);
    expect(started[0]!.state.requests).toHaveLength(1);
  });

  it("fails what was waiting when the worker dies, and starts a new worker for the next request", async () => {
    const workers: ReturnType<typeof sameThreadWorker>[] = [];
    const client = new GraphLayoutClient(() => {
      const worker = sameThreadWorker();
      // The first worker never answers: it crashes instead.
      if (workers.length === 0) worker.port.postMessage = () => {};
      workers.push(worker);
      return worker.port;
    });
    const waiting = client.layout(graphStructureOf(testServiceGraph()));
    workers[0]!.port.onerror?.({ message: "out of memory" } as ErrorEvent);
    await expect(waiting).rejects.toThrow("the layout worker failed: out of memory");
    expect(workers[0]!.state.terminated).toBe(1);
    await expect(client.layout(graphStructureOf(testServiceGraph()))).resolves.toMatchObject({ cached: false });
    expect(workers).toHaveLength(2);
  });
});
