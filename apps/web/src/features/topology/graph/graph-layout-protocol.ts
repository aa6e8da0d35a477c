import type { GraphLayout } from "./graph-layout.ts";
import type { GraphStructure } from "./graph-structure.ts";

/** What the page asks the layout worker. */
export interface LayoutRequest {
  requestId: number;
  structure: GraphStructure;
}

/**
 * What the worker says: that it has loaded and started ELK (once), or per request the layout and
 * the time ELK took in the worker, or why it failed.
 */
export type LayoutResponse =
  | { ready: true }
  | { requestId: number; layout: GraphLayout; elkMs: number }
  | { requestId: number; error: string };
