/** What a key does on the focused map. */
export type MapKeyAction =
  | { type: "zoom"; factor: number }
  | { type: "pan"; dx: number; dy: number }
  | { type: "fit" }
  | { type: "clearSelection" }
  | { type: "openSelection" };

/** One key press zooms by this much; holding the key repeats it. */
export const zoomStep = 1.4;
const panStepPx = 80;

/**
 * The map's keyboard: + and − zoom around the centre, arrows move the view (the map slides the
 * other way, as when dragging), 0 fits the whole map, Escape drops the selection, Enter opens the
 * selected instance's GC charts.
 */
export function mapKeyAction(key: string): MapKeyAction | null {
  switch (key) {
    case "+":
    case "=":
      return { type: "zoom", factor: zoomStep };
    case "-":
    case "_":
      return { type: "zoom", factor: 1 / zoomStep };
    case "ArrowLeft":
      return { type: "pan", dx: panStepPx, dy: 0 };
    case "ArrowRight":
      return { type: "pan", dx: -panStepPx, dy: 0 };
    case "ArrowUp":
      return { type: "pan", dx: 0, dy: panStepPx };
    case "ArrowDown":
      return { type: "pan", dx: 0, dy: -panStepPx };
    case "0":
      return { type: "fit" };
    case "Escape":
      return { type: "clearSelection" };
    case "Enter":
      return { type: "openSelection" };
    default:
      return null;
  }
}

/**
 * How much one wheel event zooms: a notch of a mouse wheel (about 100 px, or 3 lines) is about
 * 1.2×; a trackpad's small deltas zoom smoothly. Scrolling up zooms in.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const clamped = Math.max(-300, Math.min(300, pixels));
  return Math.exp(-clamped * 0.0018);
}
