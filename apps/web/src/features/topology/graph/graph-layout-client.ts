import type { GraphLayout } from "./graph-layout.ts";
import type { LayoutRequest, LayoutResponse } from "./graph-layout-protocol.ts";
import { graphMarks } from "./graph-marks.ts";
import type { GraphStructure } from "./graph-structure.ts";

/** The parts of a Worker the client uses, so tests can stand in a same-thread one. */
export interface LayoutWorkerPort {
  postMessage(request: LayoutRequest): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface LayoutAnswer {
  layout: GraphLayout;
  /** ELK's own time in the worker; 0 when the layout came from the cache. */
  elkMs: number;
  cached: boolean;
}

/**
 * Asks a layout worker for layouts, one structure at a time per key: a structure laid out before
 * (a refresh that only moved traffic, or a region visited again) is answered from a small cache,
 * so it costs nothing and lands exactly where it was.
 */
export class GraphLayoutClient {
  private worker: LayoutWorkerPort | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (answer: LayoutAnswer) => void; reject: (error: Error) => void }
  >();
  /** Insertion order is recency: a hit is moved to the end, the oldest is dropped first. */
  private readonly cache = new Map<string, Promise<LayoutAnswer>>();

  constructor(
    private readonly createWorker: () => LayoutWorkerPort,
    private readonly cacheSize = 8,
  ) {}

  layout(structure: GraphStructure): Promise<LayoutAnswer> {
    const hit = this.cache.get(structure.key);
    if (hit) {
      this.cache.delete(structure.key);
      this.cache.set(structure.key, hit);
      return hit.then((answer) => ({ ...answer, elkMs: 0, cached: true }));
    }
    const answer = this.request(structure);
    this.cache.set(structure.key, answer);
    // A failed layout is not remembered: the next refresh tries again.
    answer.catch(() => this.cache.delete(structure.key));
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return answer;
  }

  /**
   * Starts the worker without asking for a layout: loading and starting ELK (1.4 MB of script)
   * takes a second or more on a slow machine, and can overlap the graph's own request.
   */
  prepare(): void {
    this.ensureWorker();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error("the layout worker was stopped"));
  }

  private request(structure: GraphStructure): Promise<LayoutAnswer> {
    const worker = this.ensureWorker();
    const requestId = this.nextRequestId++;
    return new Promise<LayoutAnswer>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      performance.mark(graphMarks.layoutStart, { detail: { key: structure.key } });
      worker.postMessage({ requestId, structure });
    });
  }

  private ensureWorker(): LayoutWorkerPort {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.settle(event.data);
    worker.onerror = (event) => {
      // A worker that cannot load or crashed answers nothing more: start a new one next time.
      this.worker = null;
      worker.terminate();
      this.failAll(new Error(`the layout worker failed: ${event.message || "it could not start"}`));
    };
    this.worker = worker;
    return worker;
  }

  private settle(response: LayoutResponse) {
    if ("ready" in response) {
      performance.mark(graphMarks.workerReady);
      return;
    }
    const waiting = this.pending.get(response.requestId);
    if (!waiting) return;
    this.pending.delete(response.requestId);
    performance.mark(graphMarks.layoutEnd, { detail: { requestId: response.requestId } });
    if ("error" in response) waiting.reject(new Error(`laying out the service graph failed: ${response.error}`));
    else waiting.resolve({ layout: response.layout, elkMs: response.elkMs, cached: false });
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
