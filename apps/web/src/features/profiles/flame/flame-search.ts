import type { FlameGraph } from "@fleetdeck/core";

/** A regex typed by a person: compiled, or what is wrong with it, said in words. */
export type ParsedPattern = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Compiles a search, focus or hide pattern without throwing: a bad pattern becomes an inline message. */
export function parsePattern(source: string, what = "pattern"): ParsedPattern {
  try {
    return { ok: true, regex: new RegExp(source) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "invalid";
    return { ok: false, error: `The ${what} is not a valid regular expression: ${reason}` };
  }
}

/** What a search found in a graph. */
export interface FlameSearchResult {
  /** Per node: 1 when its function matches. */
  matched: Uint8Array;
  matchedFrames: number;
  /**
   * The value of the matching frames, each sample counted once: a match below a matching ancestor is
   * already inside that ancestor's total, so only the topmost matches on each path are added.
   */
  matchedValue: number;
  /** matchedValue as a share of the whole profile. */
  matchedRatio: number;
}

/**
 * Marks the frames whose function name the regex matches. Each distinct name is tested once (names
 * repeat across the tree far more than they differ); "(N smaller frames)" nodes stand for no single
 * function and never match.
 */
export function searchFlameGraph(graph: FlameGraph, regex: RegExp): FlameSearchResult {
  const matcher = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ""));
  const nameMatches = new Int8Array(graph.strings.length).fill(-1);
  const count = graph.nodeName.length;
  const matched = new Uint8Array(count);
  let matchedFrames = 0;
  let matchedValue = 0;
  let insideMatchUntil = 0;
  for (let i = 0; i < count; i++) {
    if (graph.nodeMerged[i]! > 0) continue;
    const name = graph.nodeName[i]!;
    if (nameMatches[name] === -1) nameMatches[name] = matcher.test(graph.strings[name] ?? "") ? 1 : 0;
    if (nameMatches[name] !== 1) continue;
    matched[i] = 1;
    matchedFrames++;
    if (i >= insideMatchUntil) {
      matchedValue += graph.nodeTotal[i]!;
      insideMatchUntil = graph.subtreeEnd[i]!;
    }
  }
  const matchedRatio = graph.profileTotal > 0 ? matchedValue / graph.profileTotal : 0;
  return { matched, matchedFrames, matchedValue, matchedRatio };
}

/** The frames of one function, to highlight it in the graph when its table row is chosen. */
export function framesOfFunction(graph: FlameGraph, functionName: string): Uint8Array {
  const matched = new Uint8Array(graph.nodeName.length);
  const nameIndex = graph.strings.indexOf(functionName);
  if (nameIndex < 0) return matched;
  for (let i = 0; i < matched.length; i++) {
    if (graph.nodeName[i] === nameIndex && graph.nodeMerged[i] === 0) matched[i] = 1;
  }
  return matched;
}
