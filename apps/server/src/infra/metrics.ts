import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** The console's own Prometheus metrics: process defaults plus per-procedure traffic. */
export function createServerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "fleetdeck_" });
  const procedureCalls = new Counter({
    name: "fleetdeck_trpc_calls_total",
    help: "tRPC procedure calls by procedure, type and result code.",
    labelNames: ["procedure", "type", "code"] as const,
    registers: [registry],
  });
  const procedureSeconds = new Histogram({
    name: "fleetdeck_trpc_duration_seconds",
    help: "tRPC procedure latency in seconds (subscriptions: until the generator is set up).",
    labelNames: ["procedure", "type", "code"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const sourceErrors = new Counter({
    name: "fleetdeck_source_errors_total",
    help: "Failed calls to a control-plane source, by source.",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  return { registry, procedureCalls, procedureSeconds, sourceErrors };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
