import type { GcSampleField } from "@fleetdeck/core";
import type { ReactNode } from "react";
import type { InstanceAnswer } from "../../lib/api-types.ts";
import {
  formatBytes,
  formatCores,
  formatCount,
  formatGogc,
  formatOptionalBytes,
  formatPercent,
  formatRate,
  formatSeconds,
} from "../../lib/format.ts";
import { FactList } from "./EntityHeader.tsx";
import { missingNoteOf } from "./missing-note.ts";

type GcSample = NonNullable<InstanceAnswer["sample"]>;

/**
 * The latest GC sample of one instance, grouped the way the GC guide reasons about it. A metric
 * the source did not have shows as "—" with the source's reason.
 */
export function GcSampleFacts({ sample }: { sample: GcSample }) {
  const measured = <T,>(field: GcSampleField, value: T | null, format: (value: T) => string): ReactNode =>
    value === null ? <MissingValue reason={missingNoteOf(sample, field)} /> : format(value);
  return (
    <div className="fact-columns">
      <FactList
        facts={[
          { label: "GC cycles/s", value: measured("gcCyclesPerSecond", sample.gcCyclesPerSecond, formatRate) },
          { label: "GC CPU", value: measured("gcCpuFraction", sample.gcCpuFraction, formatPercent) },
          { label: "GC CPU cores", value: measured("gcCpuCores", sample.gcCpuCores, formatCores) },
          {
            label: "CPU usage",
            value: measured("cpuUsageCores", sample.cpuUsageCores, (cores) => `${formatCores(cores)} cores`),
          },
        ]}
      />
      <FactList
        facts={[
          { label: "Pause p50", value: measured("pause", sample.pause.p50Seconds, formatSeconds) },
          { label: "Pause p99", value: measured("pause", sample.pause.p99Seconds, formatSeconds) },
          { label: "Pause max", value: measured("pause", sample.pause.maxSeconds, formatSeconds) },
        ]}
      />
      <FactList
        facts={[
          { label: "Heap live", value: measured("heapLiveBytes", sample.heapLiveBytes, formatBytes) },
          { label: "Heap in use", value: measured("heapInUseBytes", sample.heapInUseBytes, formatBytes) },
          { label: "Heap goal", value: measured("heapGoalBytes", sample.heapGoalBytes, formatBytes) },
          {
            label: "Memory limit",
            value:
              missingNoteOf(sample, "memoryLimitBytes") === null
                ? formatOptionalBytes(sample.memoryLimitBytes, formatBytes)
                : measured("memoryLimitBytes", null, formatBytes),
          },
          { label: "RSS", value: measured("rssBytes", sample.rssBytes, formatBytes) },
        ]}
      />
      <FactList
        facts={[
          {
            label: "Allocation rate",
            value: measured("allocRateBytesPerSecond", sample.allocRateBytesPerSecond, (b) => `${formatBytes(b)}/s`),
          },
          { label: "Goroutines", value: measured("goroutines", sample.goroutines, formatCount) },
          { label: "Requests/s", value: measured("requestsPerSecond", sample.requestsPerSecond, formatRate) },
          { label: "GOGC (observed)", value: measured("gogc", sample.gogc, formatGogc) },
          { label: "GOMAXPROCS (observed)", value: measured("gomaxprocs", sample.gomaxprocs, String) },
        ]}
      />
    </div>
  );
}

function MissingValue({ reason }: { reason: string | null }) {
  return (
    <span className="missing-value">—{reason ? <span className="missing-value__reason"> {reason}</span> : null}</span>
  );
}
