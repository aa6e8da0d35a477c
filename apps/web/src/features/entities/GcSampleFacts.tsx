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

type GcSample = NonNullable<InstanceAnswer["sample"]>;

/** The latest GC sample of one instance, grouped the way the GC guide reasons about it. */
export function GcSampleFacts({ sample }: { sample: GcSample }) {
  return (
    <div className="fact-columns">
      <FactList
        facts={[
          { label: "GC cycles/s", value: formatRate(sample.gcCyclesPerSecond) },
          { label: "GC CPU", value: formatPercent(sample.gcCpuFraction) },
          { label: "GC CPU cores", value: formatCores(sample.gcCpuCores) },
          { label: "CPU usage", value: `${formatCores(sample.cpuUsageCores)} cores` },
        ]}
      />
      <FactList
        facts={[
          { label: "Pause p50", value: formatSeconds(sample.pause.p50Seconds) },
          { label: "Pause p99", value: formatSeconds(sample.pause.p99Seconds) },
          { label: "Pause max", value: formatSeconds(sample.pause.maxSeconds) },
        ]}
      />
      <FactList
        facts={[
          { label: "Heap live", value: formatBytes(sample.heapLiveBytes) },
          { label: "Heap in use", value: formatBytes(sample.heapInUseBytes) },
          { label: "Heap goal", value: formatBytes(sample.heapGoalBytes) },
          { label: "Memory limit", value: formatOptionalBytes(sample.memoryLimitBytes, formatBytes) },
          { label: "RSS", value: formatBytes(sample.rssBytes) },
        ]}
      />
      <FactList
        facts={[
          { label: "Allocation rate", value: `${formatBytes(sample.allocRateBytesPerSecond)}/s` },
          { label: "Goroutines", value: formatCount(sample.goroutines) },
          { label: "Requests/s", value: formatRate(sample.requestsPerSecond) },
          { label: "GOGC (observed)", value: formatGogc(sample.gogc) },
          { label: "GOMAXPROCS (observed)", value: sample.gomaxprocs },
        ]}
      />
    </div>
  );
}
