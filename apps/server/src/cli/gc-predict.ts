import {
  estimateNonHeapBytes,
  formatBytes,
  type GcPrediction,
  parseByteRate,
  parseByteSize,
  predictGc,
} from "@fleetdeck/core";
import { z } from "zod";

/** The flags of `fleetdeck gc predict`, as commander hands them over (strings). */
export interface GcPredictFlags {
  liveHeap?: string;
  allocRate?: string;
  gogc?: string;
  memoryLimit?: string;
  nonHeap?: string;
  gomaxprocs?: string;
  cpuQuota?: string;
  roots?: string;
  goroutines?: string;
  json?: boolean;
}

export class UsageError extends Error {}

const flagName = {
  liveHeap: "--live-heap",
  allocRate: "--alloc-rate",
  gogc: "--gogc",
  memoryLimit: "--memory-limit",
  nonHeap: "--non-heap",
  gomaxprocs: "--gomaxprocs",
  cpuQuota: "--cpu-quota",
  roots: "--roots",
  goroutines: "--goroutines",
} as const;

/** Runs a unit parser and names the flag in any error. */
function parseFlag<T>(flag: keyof typeof flagName, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(`${flagName[flag]}: ${(error as Error).message}`);
  }
}

const positiveInt = (what: string) => (text: string) => {
  const parsed = z.coerce.number().int().positive().safeParse(text);
  if (!parsed.success) throw new Error(`"${text}" is not ${what}`);
  return parsed.data;
};

const gogcValue = (text: string): number | "off" => {
  if (text.trim().toLowerCase() === "off") return "off";
  return positiveInt('a positive integer percentage or "off"')(text);
};

export function predictFromFlags(flags: GcPredictFlags): GcPrediction & { nonHeapBytes: number } {
  if (!flags.liveHeap) throw new UsageError(`${flagName.liveHeap} is required (e.g. --live-heap 75MiB)`);
  if (!flags.allocRate) throw new UsageError(`${flagName.allocRate} is required (e.g. --alloc-rate 200MiB/s)`);
  const liveHeapBytes = parseFlag("liveHeap", flags.liveHeap, parseByteSize);
  const goroutines = flags.goroutines
    ? parseFlag("goroutines", flags.goroutines, positiveInt("a goroutine count"))
    : 100;
  const nonHeapBytes = flags.nonHeap
    ? parseFlag("nonHeap", flags.nonHeap, parseByteSize)
    : estimateNonHeapBytes(liveHeapBytes, goroutines);
  const prediction = predictGc({
    liveHeapBytes,
    allocRateBytesPerSecond: parseFlag("allocRate", flags.allocRate, parseByteRate),
    gogc: flags.gogc ? parseFlag("gogc", flags.gogc, gogcValue) : 100,
    memoryLimitBytes: flags.memoryLimit ? parseFlag("memoryLimit", flags.memoryLimit, parseByteSize) : null,
    nonHeapBytes,
    rootsBytes: flags.roots ? parseFlag("roots", flags.roots, parseByteSize) : 0,
    gomaxprocs: flags.gomaxprocs ? parseFlag("gomaxprocs", flags.gomaxprocs, positiveInt("a CPU count")) : 4,
    cpuQuotaCores: flags.cpuQuota ? parseFlag("cpuQuota", flags.cpuQuota, positiveNumber) : null,
    goroutines,
  });
  return { ...prediction, nonHeapBytes };
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`"${text}" is not a positive number of cores`);
  return value;
}

export function formatPrediction(p: ReturnType<typeof predictFromFlags>): string {
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  const rows: [string, string][] = [
    ["heap goal", formatBytes(p.heapGoalBytes)],
    ["GC cycles/s", p.gcCyclesPerSecond.toFixed(2)],
    ["GC CPU", `${pct(p.gcCpuFraction)} of ${p.availableCores} cores (${p.gcCpuCores.toFixed(2)} cores)`],
    [
      "memory limit",
      p.memoryLimitBinding
        ? `binding: the limit, not GOGC, sets the goal${p.gcCpuLimited ? "; GC CPU limiter engaged, heap exceeds the limit" : ""}`
        : "not binding",
    ],
    ["non-heap memory", formatBytes(p.nonHeapBytes)],
    ["peak RSS", formatBytes(p.rssBytes)],
    [
      "STW pause p50 / p99",
      `${(p.pause.p50Seconds * 1e6).toFixed(0)} µs / ${(p.pause.p99Seconds * 1e6).toFixed(0)} µs`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
}

/** The --json shape: stable names with units, for scripts. */
export function predictionJson(p: ReturnType<typeof predictFromFlags>) {
  return {
    heapGoalBytes: Math.round(p.heapGoalBytes),
    gogcHeapGoalBytes: p.gogcHeapGoalBytes === null ? null : Math.round(p.gogcHeapGoalBytes),
    gcCyclesPerSecond: p.gcCyclesPerSecond,
    gcCpuFraction: p.gcCpuFraction,
    gcCpuCores: p.gcCpuCores,
    memoryLimitBinding: p.memoryLimitBinding,
    gcCpuLimited: p.gcCpuLimited,
    nonHeapBytes: Math.round(p.nonHeapBytes),
    rssBytes: Math.round(p.rssBytes),
    pauseP50Seconds: p.pause.p50Seconds,
    pauseP99Seconds: p.pause.p99Seconds,
  };
}
