import type { ServiceTier } from "@fleetdeck/core";
import { randomFor } from "./random.ts";
import type { ServiceLayer, ServiceTemplate } from "./service-catalog.ts";

const domains = [
  "ledger",
  "fraud",
  "pricing",
  "shipping",
  "catalog",
  "reviews",
  "loyalty",
  "tax",
  "returns",
  "wishlist",
  "coupons",
  "auth",
  "sessions",
  "media",
  "geo",
  "ads",
  "billing",
  "invoices",
  "chat",
  "feeds",
  "alerts",
  "audit",
  "quotes",
  "warehouse",
  "routing",
  "consent",
  "experiments",
  "metering",
  "support",
  "carts",
] as const;

const roles: readonly { suffix: string; layer: ServiceLayer }[] = [
  { suffix: "api", layer: "app" },
  { suffix: "service", layer: "app" },
  { suffix: "scorer", layer: "app" },
  { suffix: "sync", layer: "app" },
  { suffix: "router", layer: "app" },
  { suffix: "worker", layer: "batch" },
  { suffix: "indexer", layer: "batch" },
  { suffix: "aggregator", layer: "batch" },
];

/** The most services a fleet can have beyond the catalog: every domain × role pairing. */
export const maxSyntheticServices = domains.length * roles.length;

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Services beyond the hand-written catalog, for fleets scaled towards 10,000 instances: names from
 * a domain and a role ("ledger-api", "fraud-scorer"), owned by the domain's team, shaped like the
 * catalog's application and batch services. Their calls are chosen later, once all services exist.
 */
export function syntheticServices(seed: number, count: number): ServiceTemplate[] {
  if (count > maxSyntheticServices) {
    throw new Error(`a demo fleet has at most ${maxSyntheticServices} generated services, asked for ${count}`);
  }
  const random = randomFor(seed, "synthetic-services");
  const pairs = random.shuffled(domains.flatMap((domain) => roles.map((role) => ({ domain, role }))));
  return pairs.slice(0, count).map(({ domain, role }) => {
    const batch = role.layer === "batch";
    const tier: ServiceTier = batch ? "batch" : random.chance(0.25) ? "critical" : "standard";
    const cpuLimitCores = random.pick(batch ? [2, 4, 8] : [1, 2, 2, 4]);
    const allocBytesPerRequest = (batch ? random.between(512, 4096) : random.between(16, 400)) * KiB;
    // Allocation is bounded by CPU: a Go mutator allocates some tens of MiB/s per core it uses.
    const peakAllocBytesPerSecond = random.between(15, 90) * MiB * cpuLimitCores;
    return {
      id: `${domain}-${role.suffix}`,
      name: `${domain}-${role.suffix}`,
      owner: `${domain}-team`,
      tier,
      layer: role.layer,
      // Application services sit between the gateway (0) and batch (60+); data stores rank 80+.
      rank: batch ? random.between(60, 70) : random.between(5, 55),
      clusterKinds: ["kubernetes", "vm"],
      public: !batch && random.chance(0.4),
      peakRpsPerInstance: peakAllocBytesPerSecond / allocBytesPerRequest,
      allocBytesPerRequest,
      workingSetBytes: Math.round(random.between(64, batch ? 2048 : 1024)) * MiB,
      cpuLimitCores,
      requestLatencyMs: batch ? random.between(200, 2000) : random.between(5, 150),
      baseGoroutines: random.int(60, 500),
      calls: [],
    };
  });
}
