/** Where a marker's label goes: which row from the top, and which side of its line. */
export interface MarkerLabelPlacement {
  row: number;
  leftOfLine: boolean;
}

/** Labels in the right third of the chart go left of their line, where there is room for them. */
const flipFromShare = 2 / 3;
/** Consecutive markers take these rows in turn, so labels of changes close in time do not overlap. */
const rows = 3;

export function markerLabelPlacement(
  atMs: number,
  index: number,
  startMs: number,
  endMs: number,
): MarkerLabelPlacement {
  const share = endMs > startMs ? (atMs - startMs) / (endMs - startMs) : 0;
  return { row: index % rows, leftOfLine: share > flipFromShare };
}
