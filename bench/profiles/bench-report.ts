// The profile bench's printing: every figure as min / median / p95 / max over its runs, and the
// ratio of medians against the anchor (BENCHMARKS.md).
import { summarize } from "../bench-console.ts";

export interface Series {
  label: string;
  samples: number[];
}

export const formatMs = (ms: number) => (ms >= 1_000 ? `${(ms / 1_000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
export const formatMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const formatKiB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function printSeries(series: Series[], format: (value: number) => string) {
  const width = Math.max(...series.map((entry) => entry.label.length));
  for (const { label, samples } of series) {
    if (samples.length === 0) {
      console.log(`  ${label.padEnd(width)}  (not measured)`);
      continue;
    }
    const s = summarize(samples);
    console.log(
      `  ${label.padEnd(width)}  n=${String(samples.length).padStart(3)}  min ${format(s.min)}  median ${format(s.median)}  p95 ${format(s.p95)}  max ${format(s.max)}`,
    );
  }
}

export function ratioOfMedians(subject: Series, anchor: Series): string {
  const ratio = summarize(subject.samples).median / summarize(anchor.samples).median;
  return ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2);
}
