import type { SampleType } from "./profile.ts";

/**
 * A flame graph as the browser receives it (decoded from the binary wire format): nodes in
 * depth-first pre-order, so node i's subtree is the contiguous range [i, subtreeEnd[i]). Node 0 is
 * the root ("all samples", or the zoomed frame). Values are in the sample type's unit.
 */
export interface FlameGraph {
  kind: "single" | "diff";
  sampleType: SampleType;
  /** Every sample type of the profile, for the switch; `sampleType` is one of them. */
  sampleTypes: SampleType[];
  /** Sum of the chosen sample type over the whole profile (the 100 % of tooltips). */
  profileTotal: number;
  /** Function names from the full tree's root down to node 0; empty when node 0 is the whole profile. */
  rootPath: string[];
  /** String table: function names, then file names. */
  strings: string[];
  /** Per node: index into strings of its function name. */
  nodeName: Uint32Array;
  /** Per node: index into strings of its file, or 0xffffffff when unknown. */
  nodeFile: Uint32Array;
  /** Per node: parent node index, -1 for node 0. */
  nodeParent: Int32Array;
  nodeDepth: Uint16Array;
  /** Per node: index one past the last node of its subtree. */
  subtreeEnd: Uint32Array;
  nodeSelf: Float64Array;
  nodeTotal: Float64Array;
  /**
   * Per node: how many nodes of the full tree were merged into it because each was too small to
   * draw; 0 for an ordinary node. A merged node is named "(N smaller frames)" in `strings`.
   */
  nodeMerged: Uint32Array;
  /**
   * Diff graphs only: the baseline profile's values for the same call path, already scaled to the
   * target's total. Paths found in only one profile are kept (zero on the other side). Frames are
   * laid out by nodeTotal + baseTotal, which adds up along the tree, and coloured by the change
   * (nodeTotal - baseTotal) relative to the profile total: growth red, shrink blue.
   */
  baseSelf?: Float64Array;
  baseTotal?: Float64Array;
}
