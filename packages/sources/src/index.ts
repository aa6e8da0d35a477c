export * from "./clock.ts";
export { DemoConfigEvent } from "./demo/config-history.ts";
export { createDemoFleet, DemoFleet, type DemoFleetHistory, type DemoFleetOptions } from "./demo/demo-fleet.ts";
export {
  DemoFault,
  DemoFaultKind,
  DemoFaultRequest,
  DemoFaultTarget,
  defaultFaultSeverity,
  isFaultActiveAt,
} from "./demo/faults.ts";
export { DemoFleetShape, generateDemoFleet, maxDemoInstances } from "./demo/generate-fleet.ts";
export type { GeneratedDemoFleet, InstanceWorkload, ServiceCall } from "./demo/generated-fleet.ts";
export { maxSeriesPoints, minSeriesStepMs } from "./demo/series-timestamps.ts";
export * from "./fleet-source.ts";
