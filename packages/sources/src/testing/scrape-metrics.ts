/**
 * Reads a Prometheus text exposition (a Go agent's or any exporter's /metrics) into a map of
 * sample → value. Unlabelled samples are keyed by their metric name; labelled ones keep their
 * label block in the key, e.g. `go_gc_duration_seconds{quantile="1"}`.
 */
export async function scrapeMetrics(metricsUrl: string): Promise<Map<string, number>> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`GET ${metricsUrl} answered ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}
