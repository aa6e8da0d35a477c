// The service graph's layout, off the main thread: ELK (its bundled build, which runs in this
// worker's thread) computes the layered layout for one structure per request.
import ELK from "elkjs/lib/elk.bundled.js";
import { elkGraphOf, layoutBuffers, layoutFromElk } from "./graph-layout.ts";
import type { LayoutRequest, LayoutResponse } from "./graph-layout-protocol.ts";

/** The parts of the worker's global scope used here (the app compiles against the DOM lib, not the worker one). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse, transfer?: Transferable[]): void;
};

const elk = new ELK();
scope.postMessage({ ready: true });

// Assigned after the imports ran: the bundled ELK installs its own onmessage when it finds itself
// in a worker, and this one replaces it.
scope.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { requestId, structure } = event.data;
  const startMs = performance.now();
  try {
    const result = await elk.layout(elkGraphOf(structure));
    const layout = layoutFromElk(structure, result);
    const response: LayoutResponse = { requestId, layout, elkMs: performance.now() - startMs };
    scope.postMessage(response, layoutBuffers(layout));
  } catch (error) {
    const response: LayoutResponse = { requestId, error: error instanceof Error ? error.message : String(error) };
    scope.postMessage(response);
  }
};
