// A synthetic service graph for the service-graph bench: services in layers (edge, apps, data),
// calls only from a layer to a deeper one (mostly the next), so it is a DAG like a real call graph.
// Deterministic for a seed.
import type { ServiceGraph } from "@fleetdeck/core";

/** mulberry32: small and good enough to shape a bench input. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SyntheticGraphShape {
  services: number;
  edges: number;
  layers: number;
  seed: number;
}

export function syntheticServiceGraph({ services, edges, layers, seed }: SyntheticGraphShape): ServiceGraph {
  const random = seededRandom(seed);
  const regions = ["eu-west", "us-east", "ap-southeast"];
  // Layer sizes grow towards the middle, as apps outnumber gateways and stores.
  const weights = Array.from({ length: layers }, (_, layer) => 1 + Math.sin((Math.PI * (layer + 0.5)) / layers) * 3);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const layerOf: number[] = [];
  weights.forEach((weight, layer) => {
    const count = layer === layers - 1 ? services - layerOf.length : Math.round((weight / totalWeight) * services);
    for (let i = 0; i < count; i++) layerOf.push(layer);
  });
  const ids = layerOf.map((layer, index) => `svc-${String(layer).padStart(2, "0")}-${String(index).padStart(4, "0")}`);
  const byLayer = Array.from({ length: layers }, (_, layer) =>
    ids.flatMap((_, i) => (layerOf[i] === layer ? [i] : [])),
  );

  const pairs = new Set<string>();
  const graphEdges: ServiceGraph["edges"] = [];
  while (graphEdges.length < edges) {
    const from = Math.floor(random() * services);
    const fromLayer = layerOf[from] ?? 0;
    if (fromLayer === layers - 1) continue;
    const skip = random() < 0.8 ? 1 : 2 + Math.floor(random() * 2);
    const candidates = byLayer[Math.min(layers - 1, fromLayer + skip)] ?? [];
    const to = candidates[Math.floor(random() * candidates.length)];
    if (to === undefined) continue;
    const key = `${from}>${to}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const cross = random() < 0.05;
    const rps = 10 ** (random() * 4);
    graphEdges.push({
      from: ids[from] ?? "",
      to: ids[to] ?? "",
      rps,
      errorRatio: random() < 0.9 ? random() * 0.005 : random() * 0.2,
      p99LatencyMs: 2 + random() * 300,
      crossRegion: cross,
      crossRegionRps: cross ? rps * 0.1 : 0,
    });
  }
  graphEdges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return {
    atMs: 0,
    regionId: null,
    nodes: ids.map((id) => {
      const instances = 1 + Math.floor(random() * 40);
      return {
        id,
        serviceId: id,
        name: id,
        regionIds: regions,
        instances,
        unhealthyInstances: random() < 0.1 ? Math.ceil(random() * instances) : 0,
        external: false,
      };
    }),
    edges: graphEdges,
  };
}
