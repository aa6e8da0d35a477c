import type { FlameGraph } from "@fleetdeck/core";

/**
 * Zooming by call path. A zoom path names the frames from below the profile's root down to the
 * zoomed one, so it survives reloads and re-fetches (node indices do not). The server trims big
 * graphs to a node budget; a path whose subtree was trimmed is fetched again at full detail, with
 * the zoomed frame as node 0 (the graph's rootPath says where it sits).
 */

/** The call path of a node: the graph's own rootPath, then the names below node 0 down to it. */
export function pathOfNode(graph: FlameGraph, node: number): string[] {
  const below: string[] = [];
  for (let i = node; i > 0; i = graph.nodeParent[i]!) below.push(graph.strings[graph.nodeName[i]!] ?? "");
  return [...graph.rootPath, ...below.reverse()];
}

/** The node at a call path, or -1 when the graph does not hold it ("(N smaller frames)" nodes are no path). */
export function findNodeByPath(graph: FlameGraph, path: readonly string[]): number {
  const root = graph.rootPath;
  if (path.length < root.length || root.some((name, i) => path[i] !== name)) return -1;
  let node = 0;
  for (let depth = root.length; depth < path.length; depth++) {
    let found = -1;
    for (let child = node + 1; child < graph.subtreeEnd[node]!; child = graph.subtreeEnd[child]!) {
      if (graph.nodeMerged[child] === 0 && graph.strings[graph.nodeName[child]!] === path[depth]) {
        found = child;
        break;
      }
    }
    if (found < 0) return -1;
    node = found;
  }
  return node;
}

/** Whether the node's subtree is all there: no frames of it were merged away to fit the budget. */
export function isSubtreeComplete(graph: FlameGraph, node: number): boolean {
  const end = graph.subtreeEnd[node]!;
  for (let i = node; i < end; i++) if (graph.nodeMerged[i]! > 0) return false;
  return true;
}

/** The path to zoom to when a frame is clicked: a merged node stands for its small siblings, so it opens their parent. */
export function zoomPathForClick(graph: FlameGraph, node: number): string[] {
  const target = graph.nodeMerged[node]! > 0 ? graph.nodeParent[node]! : node;
  return pathOfNode(graph, Math.max(0, target));
}

/** One level out: the parent's path; out of the whole profile is nowhere. */
export function zoomOutPath(path: readonly string[]): string[] {
  return path.slice(0, -1);
}

/** Which graph to show for a zoom path and where in it. */
export interface ZoomSource {
  /** The rootPath of the graph to fetch (or take from the cache). */
  fetchPath: string[];
  /** The zoomed node in that graph, once it is loaded; -1 while unknown. */
  node: number;
  /** A graph already at hand that shows the node, though trimmed: drawn while the full one loads. */
  stopgap: { fetchPath: string[]; node: number } | null;
}

/**
 * Chooses the graph for a zoom path among those already loaded (`loaded(path)` looks in the cache).
 * The widest loaded graph in which the zoomed subtree is complete wins: the zoom is then only a
 * view window, with ancestors still drawn. Failing that, the graph rooted at the path itself.
 */
export function pickZoomSource(
  zoomPath: readonly string[],
  loaded: (fetchPath: string[]) => FlameGraph | undefined,
): ZoomSource {
  let stopgap: ZoomSource["stopgap"] = null;
  for (let length = 0; length <= zoomPath.length; length++) {
    const fetchPath = zoomPath.slice(0, length);
    const graph = loaded(fetchPath);
    if (!graph) continue;
    const node = findNodeByPath(graph, zoomPath);
    if (node < 0) continue;
    if (isSubtreeComplete(graph, node) || length === zoomPath.length) return { fetchPath, node, stopgap: null };
    stopgap ??= { fetchPath, node };
  }
  return { fetchPath: [...zoomPath], node: -1, stopgap };
}
