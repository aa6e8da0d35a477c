/** What the capture form shows while a capture runs. */
export interface CaptureProgress {
  /** Share of the capture done, 0..1; null when a snapshot gives nothing to count. */
  fraction: number | null;
  text: string;
}

/**
 * A CPU profile takes its seconds on the target, so the bar counts them down; a snapshot (heap,
 * goroutine, …) returns as soon as the target answers, so it only says it is working.
 */
export function captureProgressOf(expectedSeconds: number, secondsLeft: number): CaptureProgress {
  if (expectedSeconds <= 0) return { fraction: null, text: "Capturing…" };
  const left = Math.min(expectedSeconds, Math.max(0, Math.ceil(secondsLeft)));
  if (left === 0) return { fraction: 1, text: "Storing the profile…" };
  return { fraction: (expectedSeconds - left) / expectedSeconds, text: `${left} s left of ${expectedSeconds} s` };
}
