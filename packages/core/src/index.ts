export * from "./gc/gc-model.ts";
export * from "./gc/pause-model.ts";
export * from "./model/gc-sample.ts";
export * from "./model/inventory.ts";
export * from "./overview/fleet-overview.ts";
export * from "./overview/health-policy.ts";
export * from "./units/byte-size.ts";
